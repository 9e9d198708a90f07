/* Every syscall without a filler of its own: a generic event with the
 * PPM_SC code and the native number. */
#pragma once

static __always_inline int emit_generic(__u16 type, long native_id)
{
	BEGIN_EVENT(e, type);
	push_u16(&e, native_id < SYSRAY_NATIVE_SYSCALL_MAX ? g_native_to_ppm_sc[native_id] : 0);
	push_u16(&e, native_id);
	event_submit(&e);
	return 0;
}
