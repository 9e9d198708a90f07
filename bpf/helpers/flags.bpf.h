/* Native flag values -> the PPM_* values of the event table (flags.tsv).
 * The numbers on the left are the x86-64 kernel ABI. */
#pragma once

#define PPM_O_RDONLY (1 << 0)
#define PPM_O_WRONLY (1 << 1)
#define PPM_O_RDWR (PPM_O_RDONLY | PPM_O_WRONLY)
#define PPM_O_CREAT (1 << 2)
#define PPM_O_APPEND (1 << 3)
#define PPM_O_DSYNC (1 << 4)
#define PPM_O_EXCL (1 << 5)
#define PPM_O_NONBLOCK (1 << 6)
#define PPM_O_SYNC (1 << 7)
#define PPM_O_TRUNC (1 << 8)
#define PPM_O_DIRECT (1 << 9)
#define PPM_O_DIRECTORY (1 << 10)
#define PPM_O_LARGEFILE (1 << 11)
#define PPM_O_CLOEXEC (1 << 12)
#define PPM_O_TMPFILE (1 << 13)
#define PPM_O_F_CREATED (1 << 14)

#define NATIVE_O_ACCMODE 03
#define NATIVE_O_WRONLY 01
#define NATIVE_O_RDWR 02
#define NATIVE_O_CREAT 0100
#define NATIVE_O_EXCL 0200
#define NATIVE_O_TRUNC 01000
#define NATIVE_O_APPEND 02000
#define NATIVE_O_NONBLOCK 04000
#define NATIVE_O_DSYNC 010000
#define NATIVE_O_DIRECT 040000
#define NATIVE_O_LARGEFILE 0100000
#define NATIVE_O_DIRECTORY 0200000
#define NATIVE_O_CLOEXEC 02000000
#define NATIVE_O_SYNC 04010000
#define NATIVE_O_TMPFILE 020200000

/* Every file flag except the access mode (pipe2, dup3, socket types). */
static __always_inline __u32 ppm_file_flags_no_access(__u64 f)
{
	__u32 r = 0;
	if (f & NATIVE_O_CREAT) r |= PPM_O_CREAT;
	if (f & NATIVE_O_APPEND) r |= PPM_O_APPEND;
	if ((f & NATIVE_O_SYNC) == NATIVE_O_SYNC) r |= PPM_O_SYNC;
	else if (f & NATIVE_O_DSYNC) r |= PPM_O_DSYNC;
	if (f & NATIVE_O_EXCL) r |= PPM_O_EXCL;
	if (f & NATIVE_O_NONBLOCK) r |= PPM_O_NONBLOCK;
	if (f & NATIVE_O_TRUNC) r |= PPM_O_TRUNC;
	if (f & NATIVE_O_DIRECT) r |= PPM_O_DIRECT;
	if ((f & NATIVE_O_TMPFILE) == NATIVE_O_TMPFILE) r |= PPM_O_TMPFILE;
	else if (f & NATIVE_O_DIRECTORY) r |= PPM_O_DIRECTORY;
	if (f & NATIVE_O_LARGEFILE) r |= PPM_O_LARGEFILE;
	if (f & NATIVE_O_CLOEXEC) r |= PPM_O_CLOEXEC;
	return r;
}

static __always_inline __u32 ppm_open_flags(__u64 f)
{
	__u32 r = ppm_file_flags_no_access(f);
	switch (f & NATIVE_O_ACCMODE) {
	case NATIVE_O_WRONLY: r |= PPM_O_WRONLY; break;
	case NATIVE_O_RDWR: r |= PPM_O_RDWR; break;
	default: r |= PPM_O_RDONLY; break;
	}
	return r;
}

/* The mode of open-like calls only matters with O_CREAT or O_TMPFILE;
 * PPM_S_* bits equal the native ones. */
static __always_inline __u32 ppm_open_mode(__u64 flags, __u64 mode)
{
	if ((flags & NATIVE_O_CREAT) || (flags & NATIVE_O_TMPFILE) == NATIVE_O_TMPFILE)
		return mode & 07777;
	return 0;
}

static __always_inline __u32 ppm_clone_flags(__u64 f)
{
	__u32 r = 0;
	if (f & 0x00000400) r |= 1 << 0;   /* CLONE_FILES */
	if (f & 0x00000200) r |= 1 << 1;   /* CLONE_FS */
	if (f & 0x80000000) r |= 1 << 2;   /* CLONE_IO */
	if (f & 0x08000000) r |= 1 << 3;   /* CLONE_NEWIPC */
	if (f & 0x40000000) r |= 1 << 4;   /* CLONE_NEWNET */
	if (f & 0x00020000) r |= 1 << 5;   /* CLONE_NEWNS */
	if (f & 0x20000000) r |= 1 << 6;   /* CLONE_NEWPID */
	if (f & 0x04000000) r |= 1 << 7;   /* CLONE_NEWUTS */
	if (f & 0x00008000) r |= 1 << 8;   /* CLONE_PARENT */
	if (f & 0x00100000) r |= 1 << 9;   /* CLONE_PARENT_SETTID */
	if (f & 0x00002000) r |= 1 << 10;  /* CLONE_PTRACE */
	if (f & 0x00000800) r |= 1 << 11;  /* CLONE_SIGHAND */
	if (f & 0x00040000) r |= 1 << 12;  /* CLONE_SYSVSEM */
	if (f & 0x00010000) r |= 1 << 13;  /* CLONE_THREAD */
	if (f & 0x00800000) r |= 1 << 14;  /* CLONE_UNTRACED */
	if (f & 0x00000100) r |= 1 << 15;  /* CLONE_VM */
	if (f & 0x10000000) r |= 1 << 20;  /* CLONE_NEWUSER */
	if (f & 0x00200000) r |= 1 << 23;  /* CLONE_CHILD_CLEARTID */
	if (f & 0x01000000) r |= 1 << 24;  /* CLONE_CHILD_SETTID */
	if (f & 0x00080000) r |= 1 << 25;  /* CLONE_SETTLS */
	if (f & 0x00004000) r |= 1 << 27;  /* CLONE_VFORK */
	if (f & 0x02000000) r |= 1 << 28;  /* CLONE_NEWCGROUP */
	return r;
}
#define NATIVE_CLONE_VM 0x00000100
#define NATIVE_CLONE_VFORK 0x00004000
