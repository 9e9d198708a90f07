-- Asks for a second run: topfiles_bytes on the same capture.
description = "Runs sysray again through sysdig.run_app, for the tests."
short_description = "run_app probe"
category = "Tests"
args = {}

function on_capture_end()
  print("first run over")
  sysdig.run_app("-r " .. sysdig.get_evtsource_name() .. " -c topfiles_bytes")
end
