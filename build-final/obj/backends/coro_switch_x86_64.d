build-final/obj/backends/coro_switch_x86_64.o: \
 src/backends/coro_switch_x86_64.S
