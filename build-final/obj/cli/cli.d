build-final/obj/cli/cli.o: src/cli/cli.c src/backends/backend.h \
 src/backends/workload.h src/model/catalog.h src/model/params.h \
 src/cli/cli.h src/cli/options.h src/cli/cli_opts.h src/cli/cli_values.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/cli/cli.h:
src/cli/options.h:
src/cli/cli_opts.h:
src/cli/cli_values.h:
