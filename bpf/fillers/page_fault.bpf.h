/* PPME_PAGE_FAULT_E, from exceptions:page_fault_user and
 * page_fault_kernel: the faulting address, the instruction pointer and the
 * x86 error code turned into sysdig's pf_flags (each bit or its opposite). */
#pragma once

/* x86 page fault error code bits (X86_PF_* in arch/x86/include/asm/trap_pf.h). */
#define PF_CODE_PROT (1 << 0)
#define PF_CODE_WRITE (1 << 1)
#define PF_CODE_USER (1 << 2)
#define PF_CODE_RSVD (1 << 3)
#define PF_CODE_INSTR (1 << 4)

/* pf_flags in userspace/event/data/flags.tsv. */
#define PPM_PF_PROTECTION_VIOLATION (1 << 0)
#define PPM_PF_PAGE_NOT_PRESENT (1 << 1)
#define PPM_PF_WRITE_ACCESS (1 << 2)
#define PPM_PF_READ_ACCESS (1 << 3)
#define PPM_PF_USER_FAULT (1 << 4)
#define PPM_PF_SUPERVISOR_FAULT (1 << 5)
#define PPM_PF_RESERVED_PAGE (1 << 6)
#define PPM_PF_INSTRUCTION_FETCH (1 << 7)

struct page_fault_event {
	struct scap_header h;
	__u16 lens[3];
	__u64 addr;
	__u64 ip;
	__u32 error;
} __attribute__((packed));

static __always_inline __u32 page_fault_flags(unsigned long code)
{
	__u32 f = 0;
	f |= (code & PF_CODE_PROT) ? PPM_PF_PROTECTION_VIOLATION : PPM_PF_PAGE_NOT_PRESENT;
	f |= (code & PF_CODE_WRITE) ? PPM_PF_WRITE_ACCESS : PPM_PF_READ_ACCESS;
	f |= (code & PF_CODE_USER) ? PPM_PF_USER_FAULT : PPM_PF_SUPERVISOR_FAULT;
	if (code & PF_CODE_RSVD)
		f |= PPM_PF_RESERVED_PAGE;
	if (code & PF_CODE_INSTR)
		f |= PPM_PF_INSTRUCTION_FETCH;
	return f;
}

static __always_inline int emit_page_fault(unsigned long address, struct pt_regs *regs, unsigned long code)
{
	struct page_fault_event ev = {
		.lens = {8, 8, 4},
	};
	ev.addr = address;
	ev.ip = BPF_CORE_READ(regs, ip);
	ev.error = page_fault_flags(code);
	fixed_event_submit(&ev, sizeof(ev), PPME_PAGE_FAULT_E, 3);
	return 0;
}
