-- Pick one of several Vietnamese queries (with and without accents) for every request.
local queries = {
  "ky+thi", "k%E1%BB%B3+thi", "lich+thi", "thi+sinh", "diem+thi", "ket+qua", "phuc+khao",
  "giay+bao+du+thi", "ca+mau", "quy+che", "tot+nghiep+thpt", "ngu+van", "coi+thi", "de+thi",
}
init = function(args)
  -- Each wrk thread has its own Lua state: seed each differently.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

request = function()
  return wrk.format(nil, "/tim-kiem/?q=" .. queries[math.random(#queries)])
end
