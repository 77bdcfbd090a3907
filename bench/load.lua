-- Mixed load for bench/load.sh (wrk): job submission, status polling, result paging, cancels.
-- Every job id the server answered with is written to $GJ_IDS_OUT by done(), so load.sh can
-- check none was lost; 5xx and 429 answers are counted per thread.
local token = os.getenv("GJ_TOKEN")
local base = "/ges/v1.0/" .. os.getenv("GJ_PROJECT") .. "/graphs/movie"
local job = os.getenv("GJ_JOB")
local rows = tonumber(os.getenv("GJ_ROWS") or "4000")
local headers = { ["X-Auth-Token"] = token, ["Content-Type"] = "application/json" }
local submit_body = '{"algorithmName":"pagerank","parameters":{"max_iterations":20}}'

local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  submitted, nsubmitted, five, limited, cancels = {}, 0, 0, 0, 0
  math.randomseed(os.time() * 1000 + tid)
end

function request()
  local r = math.random(100)
  if r <= 10 then
    return wrk.format("POST", base .. "/action?action_id=execute-algorithm", headers, submit_body)
  elseif r <= 15 and nsubmitted > 0 then
    cancels = cancels + 1
    return wrk.format("DELETE", base .. "/jobs/" .. submitted[math.random(nsubmitted)], headers)
  elseif r <= 60 then
    return wrk.format("GET", base .. "/jobs/" .. job .. "/status?limit=10", headers)
  else
    local offset = math.random(0, rows - 100)
    return wrk.format("GET", base .. "/jobs/" .. job .. "/status?offset=" .. offset .. "&limit=100", headers)
  end
end

function response(status, hdrs, body)
  if status >= 500 then five = five + 1 end
  if status == 429 then limited = limited + 1 end
  if status == 200 and body:find('"jobType"', 1, true) then
    local id = body:match('"jobId":"([^"]+)"')
    if id then
      nsubmitted = nsubmitted + 1
      submitted[nsubmitted] = id
    end
  end
end

function done(summary, latency, requests)
  local out = io.open(os.getenv("GJ_IDS_OUT"), "w")
  local total5, total429, totalcancel, ids = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    total5 = total5 + t:get("five")
    total429 = total429 + t:get("limited")
    totalcancel = totalcancel + t:get("cancels")
    local list = t:get("submitted")
    for i = 1, t:get("nsubmitted") do
      out:write(list[i], "\n")
      ids = ids + 1
    end
  end
  out:close()
  io.write(string.format(
    'LOAD {"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"http_5xx":%d,"http_429":%d,"submitted":%d,"cancels_sent":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    total5, total429, ids, totalcancel,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
