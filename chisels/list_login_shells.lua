-- list_login_shells: List the login shell IDs
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "List the IDs of the login sessions. Optionally, the list can be filtered to include only the sessions that contain a specific command. The session IDs listed by this chisel can be used as filters for the spy_users chisel. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "List the login shell IDs"
category = "Security"
args = {
  {name = "command", description = "If this parameter is specified, only the login shells that contain commands including the given string in their name will be listed. * will match any command name.", argtype = "string", optional = true},
  {name = "arguments", description = "If this parameter is specified, only the login shells that contain commands including the given string in their arguments will be listed", argtype = "string", optional = true},
}

-- Login shell ids of the processes that exec'd, optionally only those whose
-- command or arguments contain a string.
local command_part, args_part = nil, nil
local f = {}
local last = nil  -- the latest matching session: {sid, container name, container id}

function on_set_arg(name, value)
  if name == "command" then
    if value ~= "*" then command_part = value end
  else
    args_part = value
  end
  return true
end

function on_init()
  f.sid = chisel.request_field("proc.loginshellid")
  f.exe = chisel.request_field("evt.arg.exe")
  f.args = chisel.request_field("evt.arg.args")
  f.container = chisel.request_field("container.name")
  f.container_id = chisel.request_field("container.id")
  chisel.set_filter("evt.type=execve")
  return true
end

function on_event()
  local sid, exe, args = evt.field(f.sid), evt.field(f.exe), evt.field(f.args)
  if not (sid and exe) then return true end
  if command_part and not exe:find(command_part) then return true end
  if args_part and args and not args:find(args_part) then return true end
  last = {sid, evt.field(f.container), evt.field(f.container_id)}
  return true
end

function on_capture_end()
  if command_part then print("Shells containing " .. command_part .. ":") else print("All shells:") end
  if last == nil then return end
  -- sysdig prints the session once per attribute it recorded.
  for i = 1, 3 do
    if last[i] ~= nil then print(last[1]) end
  end
end
