/* PPME_SIGNALDELIVER_E, from signal_deliver: runs in the receiving thread
 * (dpid) as it starts handling the signal. The sender (spid) is known only
 * for the signals and codes sysdig's probe reads it for; 0 otherwise. */
#pragma once

#define SIG_HUP 1
#define SIG_INT 2
#define SIG_QUIT 3
#define SIG_KILL 9
#define SIG_TERM 15
#define SIG_CHLD 17
#define SIG_TSTP 20
#define SIG_RTMIN 32
#define SIG_RTMAX 64
#define SI_CODE_USER 0
#define SI_CODE_QUEUE (-1)

struct signal_event {
	struct scap_header h;
	__u16 lens[3];
	__s64 spid;
	__s64 dpid;
	__u8 sig;
} __attribute__((packed));

static __always_inline __s64 signal_sender(int sig, struct kernel_siginfo *info)
{
	if (!info)
		return 0;
	if (sig >= SIG_RTMIN && sig <= SIG_RTMAX)
		return BPF_CORE_READ(info, _sifields._rt._pid);
	switch (sig) {
	case SIG_KILL:
		return BPF_CORE_READ(info, _sifields._kill._pid);
	case SIG_TERM:
	case SIG_HUP:
	case SIG_INT:
	case SIG_TSTP:
	case SIG_QUIT: {
		/* Only a signal a process sent (kill, sigqueue, tgkill) names one. */
		int code = BPF_CORE_READ(info, si_code);
		return (code == SI_CODE_USER || code == SI_CODE_QUEUE || code <= 0) ? BPF_CORE_READ(info, _sifields._kill._pid)
										     : 0;
	}
	case SIG_CHLD:
		return BPF_CORE_READ(info, _sifields._sigchld._pid);
	default:
		return 0;
	}
}

static __always_inline int emit_signal_deliver(int sig, struct kernel_siginfo *info)
{
	struct signal_event ev = {
		.lens = {8, 8, 1},
	};
	ev.spid = signal_sender(sig, info);
	ev.dpid = (__u32)bpf_get_current_pid_tgid();
	ev.sig = sig;
	fixed_event_submit(&ev, sizeof(ev), PPME_SIGNALDELIVER_E, 3);
	return 0;
}
