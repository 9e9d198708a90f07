/* Absolute paths of kernel (mount, dentry) pairs, for cwd and the
 * executable: the walk goes from the leaf up to the root, crossing mount
 * points, and writes the components backwards into a per-CPU buffer. */
#pragma once

#define PATH_BUF_SIZE 4096
#define PATH_MAX_COMPONENTS 64
#define PATH_NAME_MAX 255

struct path_buf {
	char data[2 * PATH_BUF_SIZE];
};
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct path_buf);
} path_bufs SEC(".maps");

/* State of one walk, shared with the bpf_loop callback below (a plain
 * loop makes the verifier explore every iteration of every caller). */
struct path_walk {
	struct dentry *dentry;
	struct vfsmount *vfsmnt;
	struct mount *mnt;
	__u32 off; /* start of the path written so far in path_buf */
};

/* One step up: a component, or a crossing to the parent mount. Returns 1
 * to stop the loop. */
static long path_walk_step(__u32 index, struct path_walk *w)
{
	__u32 zero = 0;
	struct path_buf *buf = bpf_map_lookup_elem(&path_bufs, &zero);
	if (!buf)
		return 1;
	/* Locals: CO-RE reads must not go through the walk's own struct. */
	struct dentry *dentry = w->dentry;
	struct vfsmount *vfsmnt = w->vfsmnt;
	struct mount *mnt = w->mnt;
	struct dentry *parent = BPF_CORE_READ(dentry, d_parent);
	struct dentry *mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
	if (dentry == mnt_root || dentry == parent) {
		struct mount *mnt_parent = BPF_CORE_READ(mnt, mnt_parent);
		if (mnt_parent == mnt || !mnt_parent)
			return 1; /* the root of the mount tree */
		w->dentry = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->mnt = mnt_parent;
		w->vfsmnt = &mnt_parent->mnt;
		return 0;
	}
	__u32 len = BPF_CORE_READ(dentry, d_name.len) & PATH_NAME_MAX;
	__u32 off = w->off & (PATH_BUF_SIZE - 1);
	if (off < len + 1)
		return 1; /* too long: keep what fits */
	off -= len;
	const unsigned char *name = BPF_CORE_READ(dentry, d_name.name);
	bpf_probe_read_kernel(&buf->data[off & (PATH_BUF_SIZE - 1)], len, name);
	off--;
	buf->data[off & (PATH_BUF_SIZE - 1)] = '/';
	w->off = off;
	w->dentry = parent;
	return 0;
}

static __always_inline void push_kernel_path(struct event *e, struct path *path)
{
	__u32 zero = 0;
	struct path_buf *buf = bpf_map_lookup_elem(&path_bufs, &zero);
	if (!buf || !path) {
		push_literal(e, "<NA>", 5);
		return;
	}
	struct path_walk w = {};
	w.dentry = BPF_CORE_READ(path, dentry);
	w.vfsmnt = BPF_CORE_READ(path, mnt);
	w.mnt = container_of(w.vfsmnt, struct mount, mnt);
	w.off = PATH_BUF_SIZE - 1;
	buf->data[PATH_BUF_SIZE - 1] = '\0';
	bpf_loop(PATH_MAX_COMPONENTS, path_walk_step, &w, 0);

	__u32 off = w.off & (PATH_BUF_SIZE - 1);
	if (off == PATH_BUF_SIZE - 1) { /* the root itself */
		off--;
		buf->data[off] = '/';
	}
	long n = bpf_probe_read_kernel_str(cursor(e), PATH_BUF_SIZE, &buf->data[off & (PATH_BUF_SIZE - 1)]);
	if (n <= 0) {
		push_literal(e, "<NA>", 5);
		return;
	}
	param_done(e, n);
}

/* The path of a file (its f_path), as the kernel sees it. */
static __always_inline void push_file_path(struct event *e, struct file *file)
{
	if (!file) {
		push_literal(e, "<NA>", 5);
		return;
	}
	struct path p;
	BPF_CORE_READ_INTO(&p, file, f_path);
	push_kernel_path(e, &p);
}

static __always_inline void push_task_cwd(struct event *e, struct task_struct *task)
{
	struct path p;
	BPF_CORE_READ_INTO(&p, task, fs, pwd);
	push_kernel_path(e, &p);
}
