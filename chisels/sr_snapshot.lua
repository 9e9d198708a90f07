-- sr_snapshot: the body of lsof, netstat and ps. The capture stops at the
-- first event; at its end the thread table (narrowed by the chisel's
-- filter argument) is handed to print_table. That is the state as the
-- capture begins.
--
--   require("sr_snapshot").install{base_filter = "(fd.type=ipv4 or fd.type=ipv6)",
--     print_table = function(threads) ... end}
--   -- defines on_set_arg, on_capture_start, on_event, on_capture_end
local sr_snapshot = {}

function sr_snapshot.install(spec)
  local fd_filter = spec.base_filter
  local started, saw_event = false, false

  function on_set_arg(name, value)
    -- sysdig's netstat joins the two without a space; the filter language does not mind.
    fd_filter = fd_filter and (fd_filter .. "and (" .. value .. ")") or value
    return true
  end

  function on_capture_start()
    started = true
    return true
  end

  function on_event()
    saw_event = true
    sysdig.end_capture()
    return false
  end

  function on_capture_end()
    if not started then return end
    if not saw_event then
      print("empty capture or no event matching the filter")
      return
    end
    spec.print_table(sysdig.get_thread_table(fd_filter))
  end
end

-- The tids of a thread table in increasing order.
function sr_snapshot.sorted_tids(threads)
  local tids = {}
  for tid in pairs(threads) do tids[#tids + 1] = tid end
  table.sort(tids)
  return tids
end

return sr_snapshot
