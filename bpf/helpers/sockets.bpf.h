/* Socket addresses (PT_SOCKADDR) from user memory and socket tuples
 * (PT_SOCKTUPLE) from the kernel socket, PPM-encoded: u8 family, then
 * addresses in network order and ports in host order. */
#pragma once

#define NATIVE_AF_UNIX 1
#define NATIVE_AF_INET 2
#define NATIVE_AF_INET6 10
#define PPM_AF_UNIX 1
#define PPM_AF_INET 2
#define PPM_AF_INET6 10
#define UNIX_PATH_MAX 108

/* A unix path: abstract names (leading NUL) are shown with a leading '@'. */
static __always_inline long copy_unix_path(__u8 *dst, const char *src, bool user)
{
	long n = user ? bpf_probe_read_user_str(dst, UNIX_PATH_MAX, src)
		      : bpf_probe_read_kernel_str(dst, UNIX_PATH_MAX, src);
	if (n == 1) { /* abstract: the name follows the NUL */
		n = user ? bpf_probe_read_user_str(dst + 1, UNIX_PATH_MAX - 1, src + 1)
			 : bpf_probe_read_kernel_str(dst + 1, UNIX_PATH_MAX - 1, src + 1);
		if (n > 1) {
			dst[0] = '@';
			return n + 1;
		}
		dst[0] = '\0';
		return 1;
	}
	if (n <= 0) {
		dst[0] = '\0';
		return 1;
	}
	return n;
}

static __always_inline void push_user_sockaddr(struct event *e, const void *uaddr, __s64 ulen)
{
	if (!uaddr || ulen < 2) {
		push_empty(e);
		return;
	}
	__u16 family = 0;
	bpf_probe_read_user(&family, sizeof(family), uaddr);
	__u8 *p = cursor(e);
	if (family == NATIVE_AF_INET) {
		struct sockaddr_in sin = {};
		bpf_probe_read_user(&sin, sizeof(sin), uaddr);
		p[0] = PPM_AF_INET;
		*(__u32 *)&p[1] = sin.sin_addr.s_addr;
		*(__u16 *)&p[5] = bpf_ntohs(sin.sin_port);
		param_done(e, 7);
	} else if (family == NATIVE_AF_INET6) {
		struct sockaddr_in6 sin6 = {};
		bpf_probe_read_user(&sin6, sizeof(sin6), uaddr);
		p[0] = PPM_AF_INET6;
		__builtin_memcpy(&p[1], &sin6.sin6_addr, 16);
		*(__u16 *)&p[17] = bpf_ntohs(sin6.sin6_port);
		param_done(e, 19);
	} else if (family == NATIVE_AF_UNIX) {
		p[0] = PPM_AF_UNIX;
		long n = copy_unix_path(&p[1], (const char *)uaddr + 2, true);
		param_done(e, 1 + (n & 0xff));
	} else {
		p[0] = family;
		param_done(e, 1);
	}
}

/* The path a unix socket is bound to, read from the kernel. */
static __always_inline long copy_unix_sock_path(__u8 *dst, struct sock *sk)
{
	struct unix_sock *us = (struct unix_sock *)sk;
	struct unix_address *addr = BPF_CORE_READ(us, addr);
	if (!addr) {
		dst[0] = '\0';
		return 1;
	}
	return copy_unix_path(dst, (const char *)addr->name[0].sun_path, false);
}

/* The tuple of a socket. Outbound: local -> remote; inbound (accept,
 * recvfrom): remote -> local. An unconnected socket takes the remote side
 * from uaddr (sendto's destination, recvfrom's source) when given. */
static __always_inline void push_sock_tuple(struct event *e, struct sock *sk, bool inbound,
					    const void *uaddr, __s64 ulen)
{
	if (!sk) {
		push_empty(e);
		return;
	}
	__u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
	__u8 *p = cursor(e);
	if (family == NATIVE_AF_INET) {
		__u32 lip = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		__u16 lport = bpf_ntohs(BPF_CORE_READ((struct inet_sock *)sk, inet_sport));
		__u32 rip = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		__u16 rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
		if (rport == 0 && uaddr && ulen >= (__s64)sizeof(struct sockaddr_in)) {
			struct sockaddr_in sin = {};
			bpf_probe_read_user(&sin, sizeof(sin), uaddr);
			if (sin.sin_family == NATIVE_AF_INET) {
				rip = sin.sin_addr.s_addr;
				rport = bpf_ntohs(sin.sin_port);
			}
		}
		p[0] = PPM_AF_INET;
		*(__u32 *)&p[1] = inbound ? rip : lip;
		*(__u16 *)&p[5] = inbound ? rport : lport;
		*(__u32 *)&p[7] = inbound ? lip : rip;
		*(__u16 *)&p[11] = inbound ? lport : rport;
		param_done(e, 13);
	} else if (family == NATIVE_AF_INET6) {
		struct in6_addr lip, rip;
		BPF_CORE_READ_INTO(&lip, sk, __sk_common.skc_v6_rcv_saddr);
		BPF_CORE_READ_INTO(&rip, sk, __sk_common.skc_v6_daddr);
		__u16 lport = bpf_ntohs(BPF_CORE_READ((struct inet_sock *)sk, inet_sport));
		__u16 rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
		if (rport == 0 && uaddr && ulen >= (__s64)sizeof(struct sockaddr_in6)) {
			struct sockaddr_in6 sin6 = {};
			bpf_probe_read_user(&sin6, sizeof(sin6), uaddr);
			if (sin6.sin6_family == NATIVE_AF_INET6) {
				rip = sin6.sin6_addr;
				rport = bpf_ntohs(sin6.sin6_port);
			}
		}
		p[0] = PPM_AF_INET6;
		__builtin_memcpy(&p[1], inbound ? &rip : &lip, 16);
		*(__u16 *)&p[17] = inbound ? rport : lport;
		__builtin_memcpy(&p[19], inbound ? &lip : &rip, 16);
		*(__u16 *)&p[35] = inbound ? lport : rport;
		param_done(e, 37);
	} else if (family == NATIVE_AF_UNIX) {
		struct sock *peer = BPF_CORE_READ((struct unix_sock *)sk, peer);
		p[0] = PPM_AF_UNIX;
		*(__u64 *)&p[1] = (__u64)(inbound ? peer : sk);
		*(__u64 *)&p[9] = (__u64)(inbound ? sk : peer);
		long n;
		if (uaddr && ulen > 2)
			n = copy_unix_path(&p[17], (const char *)uaddr + 2, true);
		else {
			/* The bound name of the pair: the peer's (a client connecting
			 * to a server) or our own (the server side of an accept). */
			n = peer ? copy_unix_sock_path(&p[17], peer) : 1;
			if (n <= 1)
				n = copy_unix_sock_path(&p[17], sk);
		}
		param_done(e, 17 + (n & 0xff));
	} else {
		push_empty(e);
	}
}
