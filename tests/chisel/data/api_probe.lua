-- Exercises the chisel API; the chisel tests run it through sysray and
-- sysdig and expect the same output.
description = "Prints what the chisel API answers, for the tests."
short_description = "API probe"
category = "Tests"
args = {
  {name = "label", description = "printed first", argtype = "string", optional = false},
  {name = "count", description = "events to show", argtype = "int", optional = true},
}

local shown, wanted = 0, 5

function on_set_arg(name, value)
  print("arg", name, value)
  if name == "count" then wanted = tonumber(value) end
  return true
end

function on_init()
  print("init", sysdig.is_live(), sysdig.get_filter(), sysdig.get_output_format(), sysdig.is_print_container_data())
  fields = {}
  for _, name in ipairs{"evt.num", "evt.rawarg.res", "evt.type", "evt.failed", "fd.name", "evt.latency",
                        "proc.name", "thread.tid", "evt.is_io_read", "fd.num", "evt.rawtime", "evt.buffer"} do
    fields[#fields + 1] = chisel.request_field(name)
  end
  chisel.set_filter("evt.dir=< and (evt.type=read or evt.type=open or evt.type=close)")
  return true
end

function on_capture_start()
  local m = sysdig.get_machine_info()
  print("start", m.num_cpus, m.hostname, m.memory_size_bytes, m.max_pid)
  return true
end

function on_event()
  shown = shown + 1
  if shown > wanted then return true end
  local s, ns = evt.get_ts()
  local line = {evt.get_num(), s, ns, evt.get_type(), evt.get_cpuid()}
  for _, f in ipairs(fields) do
    local v = evt.field(f)
    line[#line + 1] = type(v) .. ":" .. tostring(v)
  end
  print(table.concat(line, " "))
  return true
end

function on_capture_end(ts_s, ts_ns, delta)
  print("end", ts_s, ts_ns, delta, shown, sysdig.make_ts(ts_s, ts_ns))
end
