/* Filesystem syscalls beyond open/close/rename: stat family, links,
 * permissions and owners, directories, seeking, fcntl/ioctl/flock,
 * mounts, in-kernel copies. Mostly one-line fillers (layout.bpf.h). */
#pragma once

/* --- stat family, access, getdents, getcwd --- */

EMPTY_ENTER_PROG(stat, PPME_SYSCALL_STAT_E)
SIMPLE_EXIT(stat, PPME_SYSCALL_STAT_X, P_RES P_PATH(0))
EMPTY_ENTER_PROG(lstat, PPME_SYSCALL_LSTAT_E)
SIMPLE_EXIT(lstat, PPME_SYSCALL_LSTAT_X, P_RES P_PATH(0))
FD_ENTER_PROG(fstat, PPME_SYSCALL_FSTAT_E)
SIMPLE_EXIT(fstat, PPME_SYSCALL_FSTAT_X, P_RES P_FD(0))
EMPTY_ENTER_PROG(newfstatat, PPME_SYSCALL_NEWFSTATAT_E)
SIMPLE_EXIT(newfstatat, PPME_SYSCALL_NEWFSTATAT_X, P_RES P_FD(0) P_PATH(1) P_CONV32(3, ppm_newfstatat_flags))

SIMPLE_ENTER(access, PPME_SYSCALL_ACCESS_E, P_U32(1))
SIMPLE_EXIT(access, PPME_SYSCALL_ACCESS_X, P_RES P_PATH(0) P_U32(1))

FD_ENTER_PROG(getdents, PPME_SYSCALL_GETDENTS_E)
SIMPLE_EXIT(getdents, PPME_SYSCALL_GETDENTS_X, P_RES P_FD(0))
FD_ENTER_PROG(getdents64, PPME_SYSCALL_GETDENTS64_E)
SIMPLE_EXIT(getdents64, PPME_SYSCALL_GETDENTS64_X, P_RES P_FD(0))

EMPTY_ENTER_PROG(getcwd, PPME_SYSCALL_GETCWD_E)

/* The kernel wrote the path into the caller's buffer (only on success). */
EXIT_PROG(getcwd)
{
	BEGIN_EVENT(e, PPME_SYSCALL_GETCWD_X);
	__s64 res = ctx_ret(ctx);
	push_s64(&e, res);
	if (res > 0)
		push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	else
		push_empty(&e);
	event_submit(&e);
	return 0;
}

/* --- links --- */

EMPTY_ENTER_PROG(link, PPME_SYSCALL_LINK_2_E)
SIMPLE_EXIT(link, PPME_SYSCALL_LINK_2_X, P_RES P_PATH(0) P_PATH(1))
EMPTY_ENTER_PROG(linkat, PPME_SYSCALL_LINKAT_2_E)
SIMPLE_EXIT(linkat, PPME_SYSCALL_LINKAT_2_X,
	    P_RES P_FD(0) P_PATH(1) P_FD(2) P_PATH(3) P_CONV32(4, ppm_linkat_flags))
EMPTY_ENTER_PROG(symlink, PPME_SYSCALL_SYMLINK_E)
SIMPLE_EXIT(symlink, PPME_SYSCALL_SYMLINK_X, P_RES P_PATH(0) P_PATH(1))
EMPTY_ENTER_PROG(symlinkat, PPME_SYSCALL_SYMLINKAT_E)
SIMPLE_EXIT(symlinkat, PPME_SYSCALL_SYMLINKAT_X, P_RES P_PATH(0) P_FD(1) P_PATH(2))

/* --- permissions, owners, device nodes --- */

EMPTY_ENTER_PROG(chmod, PPME_SYSCALL_CHMOD_E)
SIMPLE_EXIT(chmod, PPME_SYSCALL_CHMOD_X, P_RES P_PATH(0) P_CONV32(1, ppm_mode))
EMPTY_ENTER_PROG(fchmod, PPME_SYSCALL_FCHMOD_E)
SIMPLE_EXIT(fchmod, PPME_SYSCALL_FCHMOD_X, P_RES P_FD(0) P_CONV32(1, ppm_mode))
EMPTY_ENTER_PROG(fchmodat, PPME_SYSCALL_FCHMODAT_E)
SIMPLE_EXIT(fchmodat, PPME_SYSCALL_FCHMODAT_X, P_RES P_FD(0) P_PATH(1) P_CONV32(2, ppm_mode))
EMPTY_ENTER_PROG(chown, PPME_SYSCALL_CHOWN_E)
SIMPLE_EXIT(chown, PPME_SYSCALL_CHOWN_X, P_RES P_PATH(0) P_U32(1) P_U32(2))
EMPTY_ENTER_PROG(lchown, PPME_SYSCALL_LCHOWN_E)
SIMPLE_EXIT(lchown, PPME_SYSCALL_LCHOWN_X, P_RES P_PATH(0) P_U32(1) P_U32(2))
EMPTY_ENTER_PROG(fchown, PPME_SYSCALL_FCHOWN_E)
SIMPLE_EXIT(fchown, PPME_SYSCALL_FCHOWN_X, P_RES P_FD(0) P_U32(1) P_U32(2))
EMPTY_ENTER_PROG(fchownat, PPME_SYSCALL_FCHOWNAT_E)
SIMPLE_EXIT(fchownat, PPME_SYSCALL_FCHOWNAT_X,
	    P_RES P_FD(0) P_PATH(1) P_U32(2) P_U32(3) P_CONV32(4, ppm_fchownat_flags))
EMPTY_ENTER_PROG(mknod, PPME_SYSCALL_MKNOD_E)
SIMPLE_EXIT(mknod, PPME_SYSCALL_MKNOD_X, P_RES P_PATH(0) P_CONV32(1, ppm_mode) P_U32(2))
EMPTY_ENTER_PROG(mknodat, PPME_SYSCALL_MKNODAT_E)
SIMPLE_EXIT(mknodat, PPME_SYSCALL_MKNODAT_X, P_RES P_FD(0) P_PATH(1) P_CONV32(2, ppm_mode) P_U32(3))

/* --- seeking, fcntl, ioctl, flock --- */

SIMPLE_ENTER(lseek, PPME_SYSCALL_LSEEK_E, P_FD(0) P_U64(1) P_U8(2))
SIMPLE_EXIT(lseek, PPME_SYSCALL_LSEEK_X, P_RES P_FD(0) P_U64(1) P_U8(2))
SIMPLE_ENTER(fcntl, PPME_SYSCALL_FCNTL_E, P_FD(0) P_CONV8(1, ppm_fcntl_cmd))
SIMPLE_EXIT(fcntl, PPME_SYSCALL_FCNTL_X, P_RES P_FD(0) P_CONV8(1, ppm_fcntl_cmd) P_U64(2))
SIMPLE_ENTER(ioctl, PPME_SYSCALL_IOCTL_3_E, P_FD(0) P_U64(1) P_U64(2))
SIMPLE_EXIT(ioctl, PPME_SYSCALL_IOCTL_3_X, P_RES P_FD(0) P_U64(1) P_U64(2))
SIMPLE_ENTER(flock, PPME_SYSCALL_FLOCK_E, P_FD(0) P_U32(1))
SIMPLE_EXIT(flock, PPME_SYSCALL_FLOCK_X, P_RES P_FD(0) P_U32(1))

/* --- mounts, root --- */

SIMPLE_ENTER(mount, PPME_SYSCALL_MOUNT_E, P_CONV32(3, ppm_mount_flags))
SIMPLE_EXIT(mount, PPME_SYSCALL_MOUNT_X, P_RES P_PATH(0) P_PATH(1) P_PATH(2) P_CONV32(3, ppm_mount_flags))
SIMPLE_ENTER(umount2, PPME_SYSCALL_UMOUNT2_E, P_U32(1))
SIMPLE_EXIT(umount2, PPME_SYSCALL_UMOUNT2_X, P_RES P_PATH(0) P_U32(1))
EMPTY_ENTER_PROG(chroot, PPME_SYSCALL_CHROOT_E)
SIMPLE_EXIT(chroot, PPME_SYSCALL_CHROOT_X, P_RES P_PATH(0))

/* --- copies inside the kernel --- */

SIMPLE_ENTER(sendfile, PPME_SYSCALL_SENDFILE_E,
	     P_FD(0) P_FD(1) P_VAL64(user_u64_or(syscall_arg_ptr(ctx, 2), 0)) P_U64(3))
/* offset: where the input file stands after the copy */
SIMPLE_EXIT(sendfile, PPME_SYSCALL_SENDFILE_X,
	    P_RES P_VAL64(user_u64_or(syscall_arg_ptr(ctx, 2), 0)) P_FD(0) P_FD(1) P_U64(3))
SIMPLE_ENTER(splice, PPME_SYSCALL_SPLICE_E, P_FD(0) P_FD(2) P_U64(4) P_U32(5))
SIMPLE_EXIT(splice, PPME_SYSCALL_SPLICE_X, P_RES P_FD(0) P_FD(2) P_U64(4) P_U32(5))
SIMPLE_ENTER(copy_file_range, PPME_SYSCALL_COPY_FILE_RANGE_E,
	     P_FD(0) P_VAL64(user_u64_or(syscall_arg_ptr(ctx, 1), 0)) P_U64(4))
SIMPLE_EXIT(copy_file_range, PPME_SYSCALL_COPY_FILE_RANGE_X,
	    P_RES P_FD(2) P_VAL64(user_u64_or(syscall_arg_ptr(ctx, 3), 0)) P_FD(0)
		    P_VAL64(user_u64_or(syscall_arg_ptr(ctx, 1), 0)) P_U64(4))

/* --- open_by_handle_at, close_range --- */

EMPTY_ENTER_PROG(open_by_handle_at, PPME_SYSCALL_OPEN_BY_HANDLE_AT_E)

/* The path is the opened file's: the handle names no path. */
EXIT_PROG(open_by_handle_at)
{
	BEGIN_EVENT(e, PPME_SYSCALL_OPEN_BY_HANDLE_AT_X);
	__s64 fd = ctx_ret(ctx);
	struct file *file = fd_to_file(fd);
	push_s64(&e, fd);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u32(&e, ppm_open_flags(syscall_arg(ctx, 2)));
	if (file)
		push_file_path(&e, file);
	else
		push_empty(&e);
	push_u32(&e, file_dev(file));
	push_u64(&e, file_ino(file));
	event_submit(&e);
	return 0;
}

NO_ENTER_PROG(close_range)
SIMPLE_EXIT(close_range, PPME_SYSCALL_CLOSE_RANGE_X, P_RES P_U32(0) P_U32(1) P_U32(2))
