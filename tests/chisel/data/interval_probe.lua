-- Prints each on_interval call (coarse, every 100ms) with the event that triggered it.
description = "Prints on_interval calls, for the tests."
short_description = "Interval probe"
category = "Tests"
args = {}

function on_init()
  f_num = chisel.request_field("evt.num")
  chisel.set_filter("evt.type=open")
  chisel.set_interval_ns(100000000)
  return true
end

function on_interval(ts_s, ts_ns, delta)
  print("interval", ts_s, ts_ns, delta, evt.field(f_num))
  return true
end

function on_capture_end(ts_s, ts_ns, delta)
  print("end", ts_s, ts_ns, delta)
end
