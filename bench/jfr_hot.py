"""Summary of `jfr print --events jdk.ExecutionSample --stack-depth N` on stdin: the top frames (where the CPU was)
and, per frame, how many samples had it anywhere on the stack (what the CPU was doing it for), with the threads."""
import collections
import re
import sys

TOP = int(sys.argv[1]) if len(sys.argv) > 1 else 40
samples = []
thread = None
frames = None
for line in sys.stdin:
    line = line.strip()
    m = re.match(r'sampledThread = "([^"]*)"', line)
    if m:
        thread = re.sub(r"-\d+$", "-N", m.group(1))
    elif line.startswith("stackTrace = ["):
        frames = []
    elif frames is not None and line.startswith("]"):
        samples.append((thread, frames))
        frames = None
    elif frames is not None and line and not line.startswith("..."):
        frames.append(re.sub(r"\s+line:.*$", "", line))

total = len(samples)
print(f"{total} samples")
threads = collections.Counter(t for t, _ in samples)
print("by thread: " + ", ".join(f"{t} {100 * n / total:.0f}%" for t, n in threads.most_common(8)))
top = collections.Counter(f[0] for _, f in samples if f)
print(f"\ntop of stack ({TOP}):")
for frame, n in top.most_common(TOP):
    print(f"  {100 * n / total:5.1f}%  {frame}")
inclusive = collections.Counter()
for _, f in samples:
    for frame in set(f):
        inclusive[frame] += 1
print(f"\non the stack, project and driver frames ({TOP}):")
interesting = [(fr, n) for fr, n in inclusive.most_common()
               if re.match(r"(io\.enhancer|org\.h2|org\.apache\.kafka|com\.zaxxer|org\.mybatis|org\.apache\.ibatis"
                           r"|org\.springframework\.(jdbc|transaction)|ch\.qos|javax\.crypto|com\.fasterxml"
                           r"|tools\.jackson|io\.micrometer|org\.slf4j)", fr)]
for frame, n in interesting[:TOP]:
    print(f"  {100 * n / total:5.1f}%  {frame}")
