/* Memory usage of a task's mm, as the vm_size, vm_rss, vm_swap (KiB)
 * parameters of the clone, execve, brk, mmap and munmap exits. */
#pragma once

#define MM_FILEPAGES 0
#define MM_ANONPAGES 1
#define MM_SWAPENTS 2
#define MM_SHMEMPAGES 3

static __always_inline __u64 mm_counter(struct mm_struct *mm, int i)
{
	__s64 v = BPF_CORE_READ(mm, rss_stat[i].count);
	return v > 0 ? v : 0;
}

static __always_inline void push_vm_usage(struct event *e, struct mm_struct *mm)
{
	if (!mm) {
		push_u32(e, 0);
		push_u32(e, 0);
		push_u32(e, 0);
		return;
	}
	__u64 rss = mm_counter(mm, MM_FILEPAGES) + mm_counter(mm, MM_ANONPAGES) + mm_counter(mm, MM_SHMEMPAGES);
	push_u32(e, BPF_CORE_READ(mm, total_vm) << 2); /* pages -> KiB */
	push_u32(e, rss << 2);
	push_u32(e, mm_counter(mm, MM_SWAPENTS) << 2);
}
