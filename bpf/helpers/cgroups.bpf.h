/* The cgroups param of execve/clone exits: "subsys=path\0" for every
 * cgroup subsystem of the task, as sysdig's drivers write it. Paths come
 * from walking the cgroup's kernfs node up to the hierarchy root. */
#pragma once

#define CGROUP_PATH_DEPTH 16
#define CGROUP_NAME_MAX 255
#define CGROUPS_PARAM_MAX 4096
#define CGROUP_ENTRY_PATH_MAX 1024

struct cgroups_walk {
	struct css_set *cset;
	__u32 start; /* event offset of the param */
	__u32 len;   /* bytes written so far */
};

/* Writes the path of kn backwards into buf; returns where it starts. */
static __always_inline __u32 build_kernfs_path(struct path_buf *buf, struct kernfs_node *kn)
{
	__u32 off = PATH_BUF_SIZE - 1;
	buf->data[off] = '\0';
	for (int d = 0; d < CGROUP_PATH_DEPTH; d++) {
		struct kernfs_node *parent = BPF_CORE_READ(kn, __parent);
		if (!kn || !parent)
			break; /* the root of the hierarchy: no name of its own */
		const char *name = BPF_CORE_READ(kn, name);
		/* Read the name into the spare half first to learn its length. */
		long n = bpf_probe_read_kernel_str(&buf->data[PATH_BUF_SIZE], CGROUP_NAME_MAX + 1, name);
		if (n <= 1)
			break;
		__u32 len = (n - 1) & CGROUP_NAME_MAX;
		if (off < len + 1)
			break;
		off -= len;
		bpf_probe_read_kernel(&buf->data[off & (PATH_BUF_SIZE - 1)], len, &buf->data[PATH_BUF_SIZE]);
		off--;
		buf->data[off & (PATH_BUF_SIZE - 1)] = '/';
		kn = parent;
	}
	if (off == PATH_BUF_SIZE - 1) {
		off--;
		buf->data[off] = '/';
	}
	return off & (PATH_BUF_SIZE - 1);
}

/* bpf_loop callback: the entry of subsystem i. */
static long cgroup_entry(__u32 i, struct cgroups_walk *w)
{
	__u32 cpu = bpf_get_smp_processor_id();
	__u32 zero = 0;
	__u8 *data = bpf_map_lookup_elem(&scratch_maps, &cpu);
	struct path_buf *buf = bpf_map_lookup_elem(&path_bufs, &zero);
	if (!data || !buf || w->len > CGROUPS_PARAM_MAX - CGROUP_ENTRY_PATH_MAX - 64)
		return 1;
	struct css_set *cset = w->cset;
	struct cgroup_subsys_state *css = NULL;
	bpf_probe_read_kernel(&css, sizeof(css), &cset->subsys[i & 15]);
	if (!css)
		return 0;
	const char *ss_name = BPF_CORE_READ(css, ss, name);
	__u32 path_off = build_kernfs_path(buf, BPF_CORE_READ(css, cgroup, kn));

	__u32 at = w->start + w->len;
	long n = bpf_probe_read_kernel_str(&data[at & OFFSET_MASK], 64, ss_name);
	if (n <= 1)
		return 0;
	at += n - 1;
	data[at & OFFSET_MASK] = '=';
	at++;
	n = bpf_probe_read_kernel_str(&data[at & OFFSET_MASK], CGROUP_ENTRY_PATH_MAX, &buf->data[path_off]);
	if (n <= 0) {
		data[at & OFFSET_MASK] = '\0';
		n = 1;
	}
	w->len = at + n - w->start;
	return 0;
}

static __always_inline void push_cgroups(struct event *e, struct task_struct *task)
{
	struct cgroups_walk w = {};
	w.cset = BPF_CORE_READ(task, cgroups);
	w.start = e->pos;
	if (w.cset)
		bpf_loop(CGROUP_SUBSYS_COUNT, cgroup_entry, &w, 0);
	param_done(e, w.len);
}
