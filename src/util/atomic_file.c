/* atomic_file.c - see atomic_file.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/atomic_file.h"
#include "util/msg.h"

static void release(struct cbt_atomic_file *af)
{
	if (af->f)
		fclose(af->f);
	if (af->tmp && af->dir_fd >= 0)
		unlinkat(af->dir_fd, af->tmp, 0);
	if (af->dir_fd > 0)
		close(af->dir_fd);
	free(af->path);
	free(af->name);
	free(af->tmp);
	memset(af, 0, sizeof(*af));
	af->dir_fd = -1;
}

void cbt_atomic_abort(struct cbt_atomic_file *af)
{
	release(af);
}

static mode_t process_umask(void)
{
	mode_t m = umask(022);
	umask(m);
	return m;
}

/* A fresh ".NAME.XXXXXX" temporary name beside the destination (malloc'ed). */
static char *temp_name(const char *name)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned long r = (unsigned long)getpid() * 2654435761u ^ (unsigned long)random();
	char *s = NULL;
	if (asprintf(&s, ".%.200s.XXXXXX", name) < 0)
		return NULL;
	for (char *x = s + strlen(s) - 6; *x; x++, r /= 36)
		*x = chars[r % 36];
	return s;
}

/* Splits path into af->name and an open directory fd. */
static int open_dir(struct cbt_atomic_file *af, const char *path, char *err, size_t errlen)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");

	af->path = strdup(path);
	af->name = strdup(name);
	if (!dir || !af->path || !af->name) {
		free(dir);
		cbt_msg(err, errlen, "out of memory");
		return -1;
	}
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		free(dir);
		cbt_msg(err, errlen, "'%s' names a directory, not a file", path);
		return -1;
	}
	af->dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (af->dir_fd < 0)
		cbt_msg(err, errlen, "directory '%s': %s", dir, strerror(errno));
	free(dir);
	return af->dir_fd < 0 ? -1 : 0;
}

int cbt_atomic_open(struct cbt_atomic_file *af, const char *path, char *err, size_t errlen)
{
	struct stat st;
	mode_t mode = 0666 & ~process_umask(); /* what fopen("w") would create */
	int fd = -1;

	memset(af, 0, sizeof(*af));
	af->dir_fd = -1;
	if (open_dir(af, path, err, errlen) != 0)
		goto fail;
	if (fstatat(af->dir_fd, af->name, &st, 0) == 0) {
		if (S_ISDIR(st.st_mode)) {
			cbt_msg(err, errlen, "'%s' is a directory", path);
			goto fail;
		}
		if (!S_ISREG(st.st_mode)) { /* /dev/null, a fifo: cannot be replaced */
			af->direct = true;
			fd = openat(af->dir_fd, af->name, O_WRONLY | O_CLOEXEC | O_NOCTTY);
			if (fd < 0) {
				cbt_msg(err, errlen, "'%s': %s", path, strerror(errno));
				goto fail;
			}
			goto stream;
		}
		if (faccessat(af->dir_fd, af->name, W_OK, AT_EACCESS) != 0) {
			cbt_msg(err, errlen, "'%s': %s", path, strerror(errno));
			goto fail;
		}
		mode = st.st_mode & 07777; /* the replacement keeps the file's permissions */
	} else if (errno != ENOENT) {
		cbt_msg(err, errlen, "'%s': %s", path, strerror(errno));
		goto fail;
	}
	fd = openat(af->dir_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
	if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
		for (int tries = 0; fd < 0 && tries < 100; tries++) {
			free(af->tmp);
			if (!(af->tmp = temp_name(af->name)))
				break;
			fd = openat(af->dir_fd, af->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
				    mode);
			if (fd < 0 && errno != EEXIST)
				break;
		}
		if (fd < 0) {
			free(af->tmp);
			af->tmp = NULL;
		}
	}
	if (fd < 0) {
		cbt_msg(err, errlen, "cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (fchmod(fd, mode) != 0) { /* O_TMPFILE's mode had the umask applied again */
		cbt_msg(err, errlen, "'%s': %s", path, strerror(errno));
		close(fd);
		goto fail;
	}
stream:
	af->f = fdopen(fd, "w");
	if (!af->f) {
		cbt_msg(err, errlen, "'%s': %s", path, strerror(errno));
		close(fd);
		goto fail;
	}
	return 0;
fail:
	release(af);
	return -1;
}

/* Gives the unnamed temporary a name beside the destination: af->tmp. */
static int link_tmpfile(struct cbt_atomic_file *af)
{
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fileno(af->f));
	for (int tries = 0; tries < 100; tries++) {
		free(af->tmp);
		if (!(af->tmp = temp_name(af->name)))
			return -1;
		int rc = linkat(AT_FDCWD, proc, af->dir_fd, af->tmp, AT_SYMLINK_FOLLOW);
		if (rc != 0 && errno == ENOENT) /* no /proc: needs CAP_DAC_READ_SEARCH */
			rc = linkat(fileno(af->f), "", af->dir_fd, af->tmp, AT_EMPTY_PATH);
		if (rc == 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	free(af->tmp);
	af->tmp = NULL;
	return -1;
}

bool cbt_atomic_target_exists(const struct cbt_atomic_file *af)
{
	return af->dir_fd >= 0 && af->name &&
	       faccessat(af->dir_fd, af->name, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

int cbt_atomic_commit(struct cbt_atomic_file *af, char *err, size_t errlen)
{
	int rc = -1;
	if (!af->f) {
		cbt_msg(err, errlen, "not open");
		return -1;
	}
	if (fflush(af->f) != 0 || ferror(af->f)) {
		cbt_msg(err, errlen, "'%s': %s", af->path, strerror(errno ? errno : EIO));
		goto out;
	}
	if (af->direct) {
		FILE *f = af->f;
		af->f = NULL;
		if (fclose(f) != 0) {
			cbt_msg(err, errlen, "'%s': %s", af->path, strerror(errno));
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (fsync(fileno(af->f)) != 0) { /* a crash must not leave a renamed, empty file */
		cbt_msg(err, errlen, "'%s': %s", af->path, strerror(errno));
		goto out;
	}
	bool named = af->tmp != NULL;
	if (!named && link_tmpfile(af) != 0) {
		cbt_msg(err, errlen, "'%s': cannot link the written file: %s", af->path,
			strerror(errno));
		goto out;
	}
	if (renameat(af->dir_fd, af->tmp, af->dir_fd, af->name) != 0) {
		cbt_msg(err, errlen, "'%s': %s", af->path, strerror(errno));
		goto out;
	}
	free(af->tmp);
	af->tmp = NULL; /* renamed: nothing to remove */
	rc = 0;
out:
	release(af);
	return rc;
}
