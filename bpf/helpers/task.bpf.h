/* Reads from the current task: fds to files, sockets, inode numbers. */
#pragma once

#define SYSRAY_FMODE_CREATED 0x100000 /* fmode_t bit: this open created the file */

static __always_inline struct task_struct *current_task(void)
{
	return (struct task_struct *)bpf_get_current_task();
}

static __always_inline struct file *fd_to_file(__s64 fd)
{
	if (fd < 0)
		return NULL;
	struct task_struct *task = current_task();
	struct files_struct *files = BPF_CORE_READ(task, files);
	if (!files)
		return NULL;
	struct fdtable *fdt = BPF_CORE_READ(files, fdt);
	if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	struct file **fds = BPF_CORE_READ(fdt, fd);
	struct file *file = NULL;
	bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]);
	return file;
}

/* The kernel's new_encode_dev(): the dev_t userspace sees in stat(). */
static __always_inline __u32 encode_dev(dev_t dev)
{
	__u32 major = dev >> 20, minor = dev & 0xfffff;
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static __always_inline __u64 file_ino(struct file *file)
{
	return file ? BPF_CORE_READ(file, f_inode, i_ino) : 0;
}

static __always_inline __u32 file_dev(struct file *file)
{
	return file ? encode_dev(BPF_CORE_READ(file, f_inode, i_sb, s_dev)) : 0;
}

static __always_inline struct sock *fd_to_sock(__s64 fd)
{
	struct file *file = fd_to_file(fd);
	if (!file)
		return NULL;
	umode_t mode = BPF_CORE_READ(file, f_inode, i_mode);
	if ((mode & 0170000) != 0140000) /* not S_IFSOCK */
		return NULL;
	struct socket *sock = BPF_CORE_READ(file, private_data);
	return sock ? BPF_CORE_READ(sock, sk) : NULL;
}
