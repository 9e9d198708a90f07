/* PPME_SCHEDSWITCH_6_E, from sched_switch: sent by the thread leaving the
 * CPU (prev, the current task), naming the thread that gets it (next),
 * with prev's page fault counts and memory use, as sysdig's probe does. */
#pragma once

struct switch_event {
	struct scap_header h;
	__u16 lens[6];
	__s64 next;
	__u64 pgft_maj;
	__u64 pgft_min;
	__u32 vm_size;
	__u32 vm_rss;
	__u32 vm_swap;
} __attribute__((packed));

static __always_inline int emit_sched_switch(struct task_struct *prev, struct task_struct *next)
{
	struct switch_event ev = {
		.lens = {8, 8, 8, 4, 4, 4},
	};
	ev.next = BPF_CORE_READ(next, pid);
	ev.pgft_maj = BPF_CORE_READ(prev, maj_flt);
	ev.pgft_min = BPF_CORE_READ(prev, min_flt);
	struct mm_struct *mm = BPF_CORE_READ(prev, mm);
	if (mm) { /* kernel threads have none: zeros */
		__u64 rss = mm_counter(mm, MM_FILEPAGES) + mm_counter(mm, MM_ANONPAGES) + mm_counter(mm, MM_SHMEMPAGES);
		ev.vm_size = BPF_CORE_READ(mm, total_vm) << 2; /* pages -> KiB */
		ev.vm_rss = rss << 2;
		ev.vm_swap = mm_counter(mm, MM_SWAPENTS) << 2;
	}
	fixed_event_submit(&ev, sizeof(ev), PPME_SCHEDSWITCH_6_E, 6);
	return 0;
}
