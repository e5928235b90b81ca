-- wrk script: POSTs a token request for a new identity each time ({"email":"<prefix>-<thread>-<n>@example.com"}),
-- stops each thread after $MAX_REQUESTS/threads answers, and prints one JSON line with the answers by status.
local prefix = os.getenv("PREFIX") or "fill"
local max_requests = tonumber(os.getenv("MAX_REQUESTS") or "100000")
local threads, counter = {}, 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  n, answered, non200 = 0, 0, 0
  limit = math.floor(max_requests / tonumber(os.getenv("THREADS") or "2"))
end

function request()
  n = n + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"},
    string.format('{"email":"%s-%d-%d@example.com"}', prefix, id, n))
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 then non200 = non200 + 1 end
  if answered >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non200") end
  io.write(string.format('{"requests":%d,"non_200":%d,"p50_us":%d,"p99_us":%d,"errors_timeout":%d}\n',
    summary.requests, bad, latency:percentile(50), latency:percentile(99), summary.errors.timeout))
end
