#!/usr/bin/env bash
# Checks docker/ without a Docker engine (none exists on the build machines). The same checks run in CI as
# dam-connector/src/test/java/io/enhancer/connector/ops/DockerFilesTest.java.
#   docker/validate.sh               static checks (needs python3 with PyYAML)
#   docker/validate.sh --layout      also runs the Dockerfile's extract + slim-natives steps on the jar that
#                                    `./mvnw -B -ntp -DskipTests package` left in dam-connector/target
# With docker compose v2 installed it also runs `docker compose config` (schema and interpolation).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

python3 - <<'PY'
import json, os, re, sys, yaml

failures = []
def check(ok, message):
    print(("ok   " if ok else "FAIL ") + message)
    if not ok: failures.append(message)

compose_text = open("docker/compose.yaml").read()
compose = yaml.safe_load(compose_text)
services = compose["services"]
check(all(s in services for s in ("api", "worker", "mysql", "kafka", "redis")), "compose.yaml parses and defines api, worker, mysql, kafka, redis")
check(int(services["worker"].get("deploy", {}).get("replicas", 1)) >= 2, "worker runs several replicas")

# Settings: every ${VAR} of compose.yaml and every environment name of application.yml is in .env.example.
env_text = open("docker/.env.example").read()
documented = set(re.findall(r"(?m)^#?\s*([A-Z][A-Z0-9_]*)=", env_text))
placeholder = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")
compose_values = re.sub(r"(?m)^\s*#.*$", "", compose_text)  # full-line comments are not interpolated
compose_vars = {m.group(1): m for m in placeholder.finditer(compose_values)}
missing = sorted(set(compose_vars) - documented)
check(not missing, f"every ${{VAR}} of compose.yaml ({len(compose_vars)}) is in .env.example" + (f"; missing {missing}" if missing else ""))
app_text = open("dam-connector/src/main/resources/application.yml").read()
app_defaults = {m.group(1): m.group(2) for m in re.finditer(r"\$\{([A-Z][A-Z0-9_]*):([^}]*)\}", app_text)}
missing = sorted(set(app_defaults) - documented)
check(not missing, f"every connector setting of application.yml ({len(app_defaults)}) is in .env.example" + (f"; missing {missing}" if missing else ""))
# the mysql image refuses MYSQL_USER=root, the connector's default; containers log JSON, a laptop's `serve` text
intended = {"MYSQL_USER", "LOG_FORMAT"}
drift = [f"{v}: compose {m.group(3)!r} vs connector {app_defaults[v]!r}" for v, m in compose_vars.items()
         if m.group(2) == ":-" and v in app_defaults and v not in intended and m.group(3) != app_defaults[v]]
check(not drift, "compose defaults equal the connector's defaults" + (f"; {drift}" if drift else ""))

# Health: every service has a health check or waits only for healthy/completed services.
for name, svc in services.items():
    deps = svc.get("depends_on", {})
    deps = {d: {"condition": "service_started"} for d in deps} if isinstance(deps, list) else deps
    for dep, spec in deps.items():
        condition = spec.get("condition", "service_started")
        check(condition in ("service_healthy", "service_completed_successfully"), f"{name} waits for {dep}: {condition}")
        if condition == "service_healthy":
            check("healthcheck" in services[dep], f"{dep} (awaited healthy by {name}) has a health check")
    check("healthcheck" in svc or bool(deps), f"{name} has a health check or waits for healthy services")

# Dockerfile: CI's build command, non-root, liveness health check, role entrypoint.
dockerfile = open("docker/Dockerfile").read()
ci_line = next(l for l in open(".ci/run") if l.strip().startswith("./mvnw"))
ci = ci_line.split()
build = re.search(r"(\./mvnw [^\n\\]*)", dockerfile).group(1).split()
phases = ["validate", "compile", "test", "package", "verify"]
ci_phase = [t for t in ci if t in phases]; build_phase = [t for t in build if t in phases]
same_flags = [t for t in build if t.startswith("-") and t != "-DskipTests"] == [t for t in ci if t.startswith("-")]
check(build[0] == ci[0] and same_flags and len(build_phase) == 1 and len(ci_phase) == 1
      and phases.index(build_phase[0]) <= phases.index(ci_phase[0]),
      f"Dockerfile builds with CI's command ({' '.join(ci)}) plus -DskipTests: {' '.join(build)}")
users = re.findall(r"(?m)^USER\s+(\S+)", dockerfile)
check(bool(users) and users[-1] not in ("root", "0"), f"runtime USER is not root: {users}")
check(re.search(r"(?m)^HEALTHCHECK .*\n?.*/actuator/health/liveness", dockerfile) is not None, "HEALTHCHECK probes /actuator/health/liveness")
check("FROM eclipse-temurin:17-jdk AS build" in dockerfile and re.search(r"(?m)^FROM eclipse-temurin:17-jre\s*$", dockerfile) is not None, "multi-stage: 17-jdk build, 17-jre runtime")
check(re.search(r'(?m)^VOLUME .*"/models"', dockerfile) is not None, "models volume declared")
check("slim-natives.sh" in dockerfile and re.search(r"(?m)^ENTRYPOINT ", dockerfile) is not None, "natives trimmed; ENTRYPOINT set")
check(re.search(r"(?m)^\s*serve\|api\|worker\)", open("docker/entrypoint.sh").read()) is not None, "entrypoint takes the role serve|api|worker")

# Observability: dashboard and Prometheus config parse; every metric the dashboard queries is documented.
dashboard = json.load(open("docker/grafana/enhancer-dashboard.json"))
exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
words = {"sum", "rate", "irate", "increase", "max", "min", "avg", "count", "by", "without", "on", "ignoring",
         "group_left", "group_right", "histogram_quantile", "topk", "bottomk", "clamp_min", "clamp_max", "and", "or", "unless", "offset"}
def metrics_of(expr):
    expr = re.sub(r'"[^"]*"', "", expr)                       # label values
    expr = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", expr)           # matchers, ranges
    expr = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", "", expr)  # grouping labels
    return {w for w in re.findall(r"(?<![\w.:])[a-zA-Z_:][\w:]*(?![\w:]|\s*\()", expr) if w not in words}
queried = set().union(*map(metrics_of, exprs))
ops = open("docs/operations.md").read()
undocumented = sorted(m for m in queried if f"`{m}`" not in ops)
check(bool(queried) and not undocumented, f"dashboard's {len(queried)} metrics are in docs/operations.md" + (f"; missing {undocumented}" if undocumented else ""))
prometheus = yaml.safe_load(open("docker/prometheus.yml"))
jobs = {j["job_name"]: j for j in prometheus["scrape_configs"]}
check(all(j.get("metrics_path") == "/actuator/prometheus" for j in jobs.values()) and {"enhancer-api", "enhancer-worker"} <= set(jobs),
      "prometheus.yml scrapes /actuator/prometheus of api and workers")
for mount in [v.split(":")[0] for s in services.values() for v in s.get("volumes", []) if v.startswith("./")]:
    path = os.path.normpath(os.path.join("docker", mount))
    check(os.path.exists(path), f"mounted file exists: {path}")

print(f"{len(failures)} failed" if failures else "all checks passed")
sys.exit(1 if failures else 0)
PY

if docker compose version > /dev/null 2>&1; then
  docker compose --env-file docker/.env.example -f docker/compose.yaml --profile monitoring --profile directus config --quiet \
    && echo "ok   docker compose config accepts compose.yaml"
fi

if [ "${1:-}" = "--layout" ]; then
  jar=$(ls dam-connector/target/enhancer-dam-connector-*.jar)
  out=$(mktemp -d)
  java -Djarmode=tools -jar "$jar" extract --destination "$out/app" --application-filename enhancer.jar > /dev/null
  before=$(du -sm "$out/app" | cut -f1)
  sh docker/slim-natives.sh "$out/app/lib" 2> /dev/null
  after=$(du -sm "$out/app" | cut -f1)
  others=0
  for lib in "$out"/app/lib/opencv-*.jar "$out"/app/lib/onnxruntime-*.jar; do
    n=$(unzip -l "$lib" | grep -Ec '\.(dll|dylib)$|ARMv|aarch64|x86_32' || true)
    others=$((others + n))
  done
  if [ "$others" -ne 0 ]; then echo "FAIL $others foreign native entries left"; exit 1; fi
  echo "ok   image layout: ${before} MB -> ${after} MB, only linux-x86_64 natives left"
  rm -rf "$out"
fi
