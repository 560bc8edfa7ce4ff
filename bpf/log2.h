/* log2.h - floor(log2(v)) for BPF programs (0 for v <= 1), branch-free as the verifier likes.
 * Slot k of the project's histograms holds values in [2^k, 2^(k+1)). */
#ifndef CBT_BPF_LOG2_H
#define CBT_BPF_LOG2_H

static __always_inline __u32 log2_u64(__u64 v)
{
	__u32 r = 0, shift;

	shift = (v > 0xffffffffULL) << 5;
	v >>= shift;
	r |= shift;
	shift = (v > 0xffff) << 4;
	v >>= shift;
	r |= shift;
	shift = (v > 0xff) << 3;
	v >>= shift;
	r |= shift;
	shift = (v > 0xf) << 2;
	v >>= shift;
	r |= shift;
	shift = (v > 0x3) << 1;
	v >>= shift;
	r |= shift;
	r |= (v >> 1);
	return r;
}

#endif
