build-final/obj/cli/cli_opts.o: src/cli/cli_opts.c src/cli/cli.h \
 src/cli/options.h src/model/params.h src/cli/cli_opts.h \
 src/cli/cli_values.h src/model/catalog.h
src/cli/cli.h:
src/cli/options.h:
src/model/params.h:
src/cli/cli_opts.h:
src/cli/cli_values.h:
src/model/catalog.h:
