/* Native values -> the PPM_* values of flags.tsv, for the syscalls beyond
 * files and processes (memory, fcntl, poll, sockets options, ptrace, ipc).
 * Tables whose PPM values equal the native ones (lseek whence, flock,
 * access, splice, mount, umount, memfd, mlock, rlimit, futex, prctl,
 * bpf commands, close_range, finit_module) need no function here. */
#pragma once

static __always_inline __u8 ppm_fcntl_cmd(__u64 cmd)
{
	switch (cmd) {
	case 0: return 1;       /* F_DUPFD */
	case 1: return 2;       /* F_GETFD */
	case 2: return 3;       /* F_SETFD */
	case 3: return 4;       /* F_GETFL */
	case 4: return 5;       /* F_SETFL */
	case 5: return 6;       /* F_GETLK */
	case 6: return 8;       /* F_SETLK */
	case 7: return 9;       /* F_SETLKW */
	case 8: return 10;      /* F_SETOWN */
	case 9: return 12;      /* F_GETOWN */
	case 10: return 13;     /* F_SETSIG */
	case 11: return 15;     /* F_GETSIG */
	case 15: return 0x15;   /* F_SETOWN_EX */
	case 16: return 0x16;   /* F_GETOWN_EX */
	case 36: return 0x1e;   /* F_OFD_GETLK */
	case 37: return 0x1f;   /* F_OFD_SETLK */
	case 38: return 0x20;   /* F_OFD_SETLKW */
	case 1024: return 0x17; /* F_SETLEASE */
	case 1025: return 0x18; /* F_GETLEASE */
	case 1026: return 0x1b; /* F_NOTIFY */
	case 1029: return 0x19; /* F_CANCELLK */
	case 1030: return 0x1a; /* F_DUPFD_CLOEXEC */
	case 1031: return 0x1c; /* F_SETPIPE_SZ */
	case 1032: return 0x1d; /* F_GETPIPE_SZ */
	}
	return 0; /* UNKNOWN */
}

static __always_inline __u32 ppm_prot_flags(__u64 p)
{
	__u32 r = p & 0x7; /* PROT_READ, WRITE, EXEC */
	if (p & 0x8) r |= 0x8;                /* PROT_SEM */
	if (p & 0x01000000) r |= 0x10;        /* PROT_GROWSDOWN */
	if (p & 0x02000000) r |= 0x20;        /* PROT_GROWSUP */
	return r;
}

static __always_inline __u32 ppm_mmap_flags(__u64 f)
{
	__u32 r = 0;
	if (f & 0x01) r |= 0x1;       /* MAP_SHARED */
	if (f & 0x02) r |= 0x2;       /* MAP_PRIVATE */
	if (f & 0x10) r |= 0x4;       /* MAP_FIXED */
	if (f & 0x20) r |= 0x8;       /* MAP_ANONYMOUS */
	if (f & 0x40) r |= 0x10;      /* MAP_32BIT */
	if (f & 0x4000) r |= 0x40;    /* MAP_NORESERVE */
	if (f & 0x8000) r |= 0x80;    /* MAP_POPULATE */
	if (f & 0x10000) r |= 0x100;  /* MAP_NONBLOCK */
	if (f & 0x100) r |= 0x200;    /* MAP_GROWSDOWN */
	if (f & 0x800) r |= 0x400;    /* MAP_DENYWRITE */
	if (f & 0x1000) r |= 0x800;   /* MAP_EXECUTABLE */
	if (f & 0x2000) r |= 0x4000;  /* MAP_LOCKED */
	return r;
}

static __always_inline __u16 ppm_poll_flags(__u64 f)
{
	__u16 r = f & 0x7; /* POLLIN, POLLPRI, POLLOUT */
	if (f & 0x8) r |= 0x10;      /* POLLERR */
	if (f & 0x10) r |= 0x20;     /* POLLHUP */
	if (f & 0x20) r |= 0x40;     /* POLLNVAL */
	if (f & 0x40) r |= 0x80;     /* POLLRDNORM */
	if (f & 0x80) r |= 0x100;    /* POLLRDBAND */
	if (f & 0x100) r |= 0x200;   /* POLLWRNORM */
	if (f & 0x200) r |= 0x400;   /* POLLWRBAND */
	if (f & 0x2000) r |= 0x8;    /* POLLRDHUP */
	return r;
}

/* O_CLOEXEC is the only flag of epoll_create1. */
static __always_inline __u32 ppm_epoll_create1_flags(__u64 f)
{
	return (f & NATIVE_O_CLOEXEC) ? 1 : 0;
}

/* PIDFD_NONBLOCK is O_NONBLOCK. */
static __always_inline __u32 ppm_pidfd_open_flags(__u64 f)
{
	return (f & NATIVE_O_NONBLOCK) ? 1 : 0;
}

#define NATIVE_AT_SYMLINK_NOFOLLOW 0x100
#define NATIVE_AT_EMPTY_PATH 0x1000

static __always_inline __u32 ppm_fchownat_flags(__u64 f)
{
	__u32 r = 0;
	if (f & NATIVE_AT_SYMLINK_NOFOLLOW) r |= 0x400;
	if (f & NATIVE_AT_EMPTY_PATH) r |= 0x1000;
	return r;
}

static __always_inline __u32 ppm_execveat_flags(__u64 f)
{
	__u32 r = 0;
	if (f & NATIVE_AT_EMPTY_PATH) r |= 0x1;
	if (f & NATIVE_AT_SYMLINK_NOFOLLOW) r |= 0x2;
	return r;
}

/* linkat: AT_SYMLINK_FOLLOW (0x400) and AT_EMPTY_PATH keep their values. */
static __always_inline __u32 ppm_linkat_flags(__u64 f)
{
	return f & (0x400 | NATIVE_AT_EMPTY_PATH);
}

/* newfstatat: AT_SYMLINK_NOFOLLOW, AT_NO_AUTOMOUNT, AT_EMPTY_PATH keep theirs. */
static __always_inline __u32 ppm_newfstatat_flags(__u64 f)
{
	return f & (NATIVE_AT_SYMLINK_NOFOLLOW | 0x800 | NATIVE_AT_EMPTY_PATH);
}

/* mknod/chmod modes: file type and permission bits equal the native ones. */
static __always_inline __u32 ppm_mode(__u64 m)
{
	return m & (0170000 | 07777);
}

static __always_inline __u32 ppm_delete_module_flags(__u64 f)
{
	__u32 r = 0;
	if (f & NATIVE_O_TRUNC) r |= 0x1;
	if (f & NATIVE_O_NONBLOCK) r |= 0x2;
	return r;
}

/* mount(): the flags without the old MS_MGC_VAL magic in the high word. */
static __always_inline __u32 ppm_mount_flags(__u64 f)
{
	if ((f & 0xffff0000) == 0xc0ed0000)
		f &= 0xffff;
	return f;
}

#define NATIVE_SOL_SOCKET 1
#define NATIVE_SOL_TCP 6

static __always_inline __u8 ppm_sockopt_level(__u64 level)
{
	if (level == NATIVE_SOL_SOCKET) return 1;
	if (level == NATIVE_SOL_TCP) return 2;
	return 0;
}

/* SOL_SOCKET options 1..50 keep their numbers; three later ones do not.
 * Options of other levels are sent as they are. */
static __always_inline __u8 ppm_sockopt_name(__u64 level, __u64 name)
{
	if (level != NATIVE_SOL_SOCKET)
		return name;
	if (name >= 1 && name <= 50) return name;
	if (name == 55) return 0x34; /* SO_MEMINFO */
	if (name == 57) return 0x35; /* SO_COOKIE */
	if (name == 59) return 0x33; /* SO_PEERGROUPS */
	return 0;
}

static __always_inline __u16 ppm_ptrace_request(__u64 r)
{
	switch (r) {
	case 0: return 0x1;       /* TRACEME */
	case 1: return 0x2;       /* PEEKTEXT */
	case 2: return 0x3;       /* PEEKDATA */
	case 3: return 0x4;       /* PEEKUSR */
	case 4: return 0x5;       /* POKETEXT */
	case 5: return 0x6;       /* POKEDATA */
	case 6: return 0x7;       /* POKEUSR */
	case 7: return 0x8;       /* CONT */
	case 8: return 0x9;       /* KILL */
	case 9: return 0xa;       /* SINGLESTEP */
	case 12: return 0x1a;     /* GETREGS */
	case 13: return 0x1b;     /* SETREGS */
	case 14: return 0x1c;     /* GETFPREGS */
	case 15: return 0x1d;     /* SETFPREGS */
	case 16: return 0xb;      /* ATTACH */
	case 17: return 0xc;      /* DETACH */
	case 18: return 0x1e;     /* GETFPXREGS */
	case 19: return 0x1f;     /* SETFPXREGS */
	case 21: return 0x20;     /* OLDSETOPTIONS */
	case 24: return 0xd;      /* SYSCALL */
	case 25: return 0x21;     /* GET_THREAD_AREA */
	case 26: return 0x22;     /* SET_THREAD_AREA */
	case 30: return 0x23;     /* ARCH_PRCTL */
	case 31: return 0x24;     /* SYSEMU */
	case 32: return 0x25;     /* SYSEMU_SINGLESTEP */
	case 33: return 0x26;     /* SINGLEBLOCK */
	case 0x4200: return 0xe;  /* SETOPTIONS */
	case 0x4201: return 0xf;  /* GETEVENTMSG */
	case 0x4202: return 0x10; /* GETSIGINFO */
	case 0x4203: return 0x11; /* SETSIGINFO */
	case 0x4204: return 0x12; /* GETREGSET */
	case 0x4205: return 0x13; /* SETREGSET */
	case 0x4206: return 0x14; /* SEIZE */
	case 0x4207: return 0x15; /* INTERRUPT */
	case 0x4208: return 0x16; /* LISTEN */
	case 0x4209: return 0x17; /* PEEKSIGINFO */
	case 0x420a: return 0x18; /* GETSIGMASK */
	case 0x420b: return 0x19; /* SETSIGMASK */
	}
	return 0;
}

static __always_inline __u16 ppm_semctl_cmd(__u64 c)
{
	switch (c) {
	case 0: return 0x4;     /* IPC_RMID */
	case 1: return 0x2;     /* IPC_SET */
	case 2: return 0x1;     /* IPC_STAT */
	case 3: return 0x8;     /* IPC_INFO */
	case 11: return 0x100;  /* GETPID */
	case 12: return 0x200;  /* GETVAL */
	case 13: return 0x40;   /* GETALL */
	case 14: return 0x80;   /* GETNCNT */
	case 15: return 0x400;  /* GETZCNT */
	case 16: return 0x1000; /* SETVAL */
	case 17: return 0x800;  /* SETALL */
	case 18: return 0x20;   /* SEM_STAT */
	case 19: return 0x10;   /* SEM_INFO */
	}
	return 0;
}

static __always_inline __u32 ppm_semget_flags(__u64 f)
{
	__u32 r = 0;
	if (f & 01000) r |= 0x2000; /* IPC_CREAT */
	if (f & 02000) r |= 0x4000; /* IPC_EXCL */
	return r;
}

static __always_inline __u16 ppm_semop_flags(__u64 f)
{
	__u16 r = 0;
	if (f & 04000) r |= 0x1;  /* IPC_NOWAIT */
	if (f & 0x1000) r |= 0x2; /* SEM_UNDO */
	return r;
}
