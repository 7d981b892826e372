#!/usr/bin/env bash
# .ci/alsa-vm-check.sh — the daemon on a real ALSA device, end to end.
#
# The CI machines' kernel has no sound, so ../shared/alsa-vm boots a Debian kernel with snd-aloop
# under qemu. In the guest `mimiumd serve` plays a deterministic test program on hw:Loopback,0,0
# (256-frame periods); `mimiumd status` is asked after ~1 s of audio, then arecord captures 5 s from
# hw:Loopback,1,0, then status is asked again (~5 s after the first read). On the host the same program
# is rendered offline (`mimiumd render`) and the capture is aligned with it and compared sample by sample.
#
# Passes when: the daemon opened the device and ran, the capture matches the offline render
# (>= 99% of the overlapping frames within 1e-6 for float, 1 LSB for integer formats; the
# documented snd-aloop end-of-stream tick is tolerated), the xrun counter did not grow between
# the two status reads, and the daemon exited 0 on SIGTERM. Ends with one line
# "alsa-vm-check: PASS|FAIL ..." and exits non-zero on failure (the guest's output is shown).
#
# Environment (all optional):
#   ALSA_VM_BUILD_DIR   where ../shared/alsa-vm/build.sh keeps the kernel and initramfs
#                       (default ${TMPDIR:-/tmp}/mimiumd-alsa-vm, as tests/Mimiumd.Alsa.Tests/run-in-alsa-vm.sh)
#   ALSA_VM_CHECK_KEEP=1  keep the work directory (app, capture, logs) and print its path
#   ALSA_VM_CHECK_ATTEMPTS  VM runs before giving up when the only failures are audio dropouts
#                       (xruns, gaps in the capture, a lost device), which other load on the host
#                       causes under TCG: the 3 x 256-frame buffer holds only 16 ms (default 3)
#   ALSA_VM_CHECK_PERIODS   ALSA periods in the daemon's buffer (default: the daemon's config, 3;
#                       6 made the check pass on a machine loaded by other jobs)
#   ALSA_VM_CHECK_R2R=0     publish without ReadyToRun (slower start in the guest)
#   ALSA_VM_CHECK_AUDIO     the daemon's --audio (default alsa:hw:Loopback,0,0; e.g. alsa:hw:Dummy
#                           to see the check fail: nothing reaches the capture)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=$root/../shared
vm=$shared/alsa-vm
[ -x "$vm/run.sh" ] || { echo "alsa-vm-check: FAIL $vm/run.sh not found (expected ../shared beside the repository)" >&2; exit 1; }
build=${ALSA_VM_BUILD_DIR:-${TMPDIR:-/tmp}/mimiumd-alsa-vm}
attempts=${ALSA_VM_CHECK_ATTEMPTS:-3}
period_frames=256
capture_seconds=5
osc_port=57140

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/mimiumd-alsa-check.XXXXXX")
cleanup() {
  if [ "${ALSA_VM_CHECK_KEEP:-0}" = 1 ]; then echo "alsa-vm-check: work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
log() { echo "alsa-vm-check: $*"; }
fail() { echo "alsa-vm-check: FAIL $*"; exit 1; }
t_start=$(now)

# ------------------------------------------------------------------ 1. the VM
t=$(now)
if ! "$vm/build.sh" "$build" > "$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  fail "../shared/alsa-vm/build.sh failed"
fi
t_build=$(since "$t")
log "VM built in ${t_build}s ($build)"

# ------------------------------------------------------------------ 2. the app
# Self-contained (the guest's initramfs has glibc and libstdc++ but no .NET and no ICU). Built with its
# own artifacts path so it neither depends on nor disturbs the bin/ and obj/ folders of the test build.
# ReadyToRun: the guest runs under TCG, where JIT start-up is 20-50x slower than on the host.
t=$(now)
share=$work/share
mkdir -p "$share"
r2r=true
[ "${ALSA_VM_CHECK_R2R:-1}" = 0 ] && r2r=false
if ! dotnet publish "$root/src/Mimiumd/Mimiumd.csproj" -c Release -r linux-x64 --self-contained \
      -p:InvariantGlobalization=true -p:PublishReadyToRun=$r2r -p:DebugType=none \
      --artifacts-path "$work/artifacts" -o "$share/app" > "$work/publish.log" 2>&1; then
  cat "$work/publish.log" >&2
  fail "dotnet publish src/Mimiumd failed"
fi
rm -rf "$work/artifacts"
t_publish=$(since "$t")
log "published mimiumd (linux-x64, self-contained, ReadyToRun=$r2r) in ${t_publish}s"

# ------------------------------------------------------------------ 3. the test program
# Every frame distinct: a sine at an irrational-ish frequency (its phase never repeats) plus a slow
# ramp (4e-7 per cycle, far above a float's resolution), mixed differently on the two channels.
# Peak |x| < 0.35 (no limiter involvement); one phasor, one sin per sample (the guest CPU is slow).
cat > "$share/test.mmm" <<'EOF'
// .ci/alsa-vm-check.sh: every frame distinct, so a capture can be aligned with the offline render.
fn phasor(freq){
    let p = self + freq / samplerate
    if (p >= 1.0) { p - 1.0 } else { p }
}
fn dsp(){
    let s = sin(phasor(441.3717) * 6.283185307179586) * 0.3
    let r = now * 0.0000000037
    (s + r, r - s * 0.5)
}
EOF

# ------------------------------------------------------------------ 4. the guest side
# busybox sh in the VM's initramfs; cwd /share. Writes results to /share/out; exits non-zero only
# when it could not do its job (the daemon never got the device running, a tool is missing).
cat > "$share/guest.sh" <<EOF
#!/bin/sh
set -u
PERIOD_FRAMES=$period_frames
PERIODS=${ALSA_VM_CHECK_PERIODS:-}
CAPTURE_SECONDS=$capture_seconds
OSC_PORT=$osc_port
AUDIO='${ALSA_VM_CHECK_AUDIO:-alsa:hw:Loopback,0,0}'
EOF
cat >> "$share/guest.sh" <<'EOF'
T0=$(cut -d' ' -f1 /proc/uptime)
ts() { awk -v a="$T0" -v b="$(cut -d' ' -f1 /proc/uptime)" 'BEGIN{printf "%.2f", b-a}'; }
say() { echo "[guest $(ts)s] $*"; }
out=/share/out
rm -rf "$out"; mkdir -p "$out" /tmp/st
result() { echo "$1=$2" >> "$out/result"; }
finish() {  # copy what the host needs, show the daemon's log, exit with $1
  [ -f /tmp/capture.raw ] && cp /tmp/capture.raw "$out/"
  cp /tmp/daemon.log "$out/" 2>/dev/null
  echo "----- daemon log -----"; cat /tmp/daemon.log 2>/dev/null; echo "----- end of daemon log -----"
  [ -s /tmp/arecord.log ] && { echo "----- arecord -----"; cat /tmp/arecord.log; }
  exit "$1"
}
# waits up to $2 seconds for process $1 to end; sets rc to its status (or 124)
wait_for() {
  n=0
  while kill -0 "$1" 2>/dev/null; do
    [ "$n" -ge $(($2 * 10)) ] && { rc=124; return; }
    sleep 0.1; n=$((n + 1))
  done
  wait "$1"; rc=$?
}
status() {  # status N: ask the daemon, keep the output, record the xrun counter
  s0=$(ts)
  # On one vCPU and niced: a .NET start-up is heavy under TCG, and with both vCPUs busy the host's
  # cores are all taken, so the vCPU that runs the audio thread would wait for the host scheduler.
  sh -c 'renice -n 19 $$ >/dev/null; exec $2 ./app/mimiumd status --port "$1" --timeout 60' sh "$OSC_PORT" "$PIN" \
      > "$out/status$1.txt" 2>&1
  src=$?
  say "status $1 (asked at ${s0}s, exit $src):"
  sed 's/^/    /' "$out/status$1.txt"
  result "status${1}_exit" "$src"
  result "status${1}_asked" "$s0"
  result "xruns$1" "$(awk '$1=="xruns"{print $2}' "$out/status$1.txt")"
  result "uptime$1" "$(awk '$1=="uptime"{print $3}' "$out/status$1.txt")"
  result "device$1" "$(awk '$1=="audio"&&$2=="device"{print $3}' "$out/status$1.txt")"
  result "transport$1" "$(awk '$1=="transport"{print $2}' "$out/status$1.txt")"
  result "faults$1" "$(awk '$1=="faults"{print $2}' "$out/status$1.txt")"
}

# Run the app from the guest's RAM: later process starts (mimiumd status) then read nothing over 9p,
# whose server threads on the host would compete with the vCPUs for the host's CPUs.
cp -a /share/app /tmp/app || { say "cannot copy the app to /tmp"; result failure "copy"; exit 7; }
cd /tmp
say "app copied to /tmp"
PIN=; [ "$(nproc)" -gt 1 ] && PIN="taskset 2"
export MIMIUMD_Mimiumd__Audio__PeriodFrames=$PERIOD_FRAMES
[ -n "$PERIODS" ] && export MIMIUMD_Mimiumd__Audio__Periods=$PERIODS
say "starting mimiumd serve (period $PERIOD_FRAMES frames${PERIODS:+, $PERIODS periods})"
./app/mimiumd serve --audio "$AUDIO" --osc-port "$OSC_PORT" --state-dir /tmp/st \
    --program /share/test.mmm > /tmp/daemon.log 2>&1 &
DPID=$!
n=0 seen_error=
until grep -q "audio output .* running" /tmp/daemon.log 2>/dev/null; do
  # the daemon keeps retrying a device it cannot open; give it 10 s after the first complaint
  if [ -z "$seen_error" ] && grep -q "audio output .* unavailable" /tmp/daemon.log 2>/dev/null; then seen_error=$n; fi
  if [ -n "$seen_error" ] && [ $((n - seen_error)) -ge 100 ]; then
    say "mimiumd serve cannot open its audio output"
    result failure "device-unavailable"; kill -TERM "$DPID"; wait_for "$DPID" 30; result daemon_exit "$rc"; finish 5
  fi
  if ! kill -0 "$DPID" 2>/dev/null; then
    wait "$DPID"; rc=$?
    say "mimiumd serve exited with status $rc before its audio output ran"
    result daemon_exit "$rc"; result failure "daemon-died"; finish 3
  fi
  if [ "$n" -ge 1200 ]; then
    say "mimiumd serve: audio output not running after 120 s"
    result failure "daemon-not-running"; kill -TERM "$DPID"; sleep 2; finish 4
  fi
  sleep 0.1; n=$((n + 1))
done
say "audio output running"
hw=
for f in /proc/asound/card*/pcm*p/sub*/hw_params; do grep -q '^format:' "$f" && { hw=$f; break; }; done
[ -n "$hw" ] || { say "no open playback PCM in /proc/asound"; result failure "no-open-pcm"; kill -TERM "$DPID"; finish 6; }
echo "    playback hw_params ($hw): $(tr '\n' ' ' < "$hw")"
FMT=$(awk '$1=="format:"{print $2}' "$hw")
result format "$FMT"
result period_size "$(awk '$1=="period_size:"{print $2}' "$hw")"
result buffer_size "$(awk '$1=="buffer_size:"{print $2}' "$hw")"
result channels "$(awk '$1=="channels:"{print $2}' "$hw")"
result rate "$(awk '$1=="rate:"{print $2}' "$hw")"

# The first status read after ~1 s of audio; then the capture (snd-aloop makes the capture side take
# the playback side's format), during which nothing else runs in the guest; then the second read.
# The xrun counter may not move between the two reads, which bracket the whole capture.
sleep 1
status 1
arecord -D hw:Loopback,1,0 -f "$FMT" -c 2 -r 48000 -t raw -d "$CAPTURE_SECONDS" /tmp/capture.raw > /tmp/arecord.log 2>&1 &
APID=$!
say "arecord started ($FMT, $CAPTURE_SECONDS s)"
wait_for "$APID" 60
result arecord_exit "$rc"
say "arecord exit $rc"
status 2
kill -0 "$DPID" 2>/dev/null || say "mimiumd serve is no longer running"
s0=$(ts)
kill -TERM "$DPID"
wait_for "$DPID" 60
[ "$rc" = 124 ] && { say "mimiumd serve still running 60 s after SIGTERM; killing it"; kill -KILL "$DPID"; }
result daemon_exit "$rc"
say "mimiumd serve exit status $rc, $(awk -v a="$s0" -v b="$(ts)" 'BEGIN{printf "%.2f", b-a}') s after SIGTERM"
# xruns while capturing: can this VM sustain such a buffer at all right now? aplay, which does no
# work per period, plays silence through the same device with the same period and buffer sizes.
x1=$(awk -F= '$1=="xruns1"{print $2}' "$out/result") x2=$(awk -F= '$1=="xruns2"{print $2}' "$out/result")
if [ -n "$x1" ] && [ -n "$x2" ] && [ "$x2" -gt "$x1" ] 2>/dev/null; then
  aplay -D hw:Loopback,0,0 -t raw -f "$FMT" -c 2 -r 48000 -d 3 \
      --period-size="$(awk -F= '$1=="period_size"{print $2}' "$out/result")" \
      --buffer-size="$(awk -F= '$1=="buffer_size"{print $2}' "$out/result")" /dev/zero > /tmp/aplay.log 2>&1
  u=$(grep -c -i underrun /tmp/aplay.log)
  result control_underruns "$u"
  say "control: aplay with the same period and buffer sizes had $u underruns in 3 s"
fi
finish 0
EOF

# ------------------------------------------------------------------ 5. run, render, compare
# One VM run; sets verdict (empty = pass), dropouts_only (1 when only xruns/gaps failed), summary.
run_once() {
  local attempt=$1 vm_rc=0 res
  rm -rf "$share/out"
  t=$(now)
  "$vm/run.sh" --build "$build" --share "$share" --timeout 240 -- sh ./guest.sh \
      > "$work/guest-$attempt.log" 2> "$work/vm-$attempt.log" || vm_rc=$?
  t_vm=$(since "$t")
  res=$share/out/result
  get() { [ -f "$res" ] || return 0; awk -F= -v k="$1" '$1==k{v=$2} END{print v}' "$res"; }
  verdict=() dropouts_only=1 match=
  fmt=$(get format) x1=$(get xruns1) x2=$(get xruns2) dexit=$(get daemon_exit)
  up2=$(get uptime2)
  summary="format ${fmt:-?}, period $(get period_size)/buffer $(get buffer_size) frames, xruns ${x1:-?} -> ${x2:-?} between the status reads, daemon exit ${dexit:-?}, VM ${t_vm}s"
  if [ "$vm_rc" != 0 ]; then
    case "$vm_rc" in
      124) verdict+=("the guest timed out (alsa-vm exit 124)") ;;
      125) verdict+=("alsa-vm itself failed (exit 125; its console log is below)") ;;
      *) verdict+=("the guest script gave up (exit $vm_rc: $(get failure))") ;;
    esac
    dropouts_only=0
    return
  fi
  for i in 1 2; do
    [ "$(get status${i}_exit)" = 0 ] || { verdict+=("status $i exit $(get status${i}_exit)"); dropouts_only=0; }
    [ "$(get device$i)" = running ] || { verdict+=("status $i: audio device '$(get device$i)'"); dropouts_only=0; }
    [ "$(get transport$i)" = playing ] || { verdict+=("status $i: transport '$(get transport$i)'"); dropouts_only=0; }
    [ "$(get faults$i)" = 0 ] || { verdict+=("status $i: $(get faults$i) runtime faults"); dropouts_only=0; }
  done
  [ "$(get period_size)" = "$period_frames" ] || { verdict+=("period size $(get period_size), wanted $period_frames"); dropouts_only=0; }
  [ "$(get channels)" = 2 ] && [ "$(get rate)" = 48000 ] || { verdict+=("device opened with $(get channels) ch at $(get rate) Hz"); dropouts_only=0; }
  [ "$(get arecord_exit)" = 0 ] || { verdict+=("arecord exit $(get arecord_exit)"); dropouts_only=0; }
  [ "$dexit" = 0 ] || { verdict+=("daemon exit status $dexit after SIGTERM (want 0)"); dropouts_only=0; }
  # the sink failing and being reopened (e.g. snd_pcm_writei -> EIO, seen only under heavy host load)
  if [ -f "$share/out/daemon.log" ] && grep -q "audio output .* unavailable" "$share/out/daemon.log"; then
    verdict+=("the daemon lost its audio output: $(grep -m1 "audio output .* unavailable" "$share/out/daemon.log" | cut -c1-240)")
  fi
  if [[ "$x1" =~ ^[0-9]+$ && "$x2" =~ ^[0-9]+$ ]]; then
    if [ "$x2" -gt "$x1" ]; then
      ctl=$(get control_underruns)
      if [ -z "$ctl" ]; then :
      elif [ "$ctl" -gt 0 ]; then ctl=" (control: aplay with the same period/buffer had $ctl underruns in 3 s, so the VM itself could not keep such a buffer fed: host load?)"
      else ctl=" (control: aplay with the same period/buffer had no underrun in 3 s)"; fi
      verdict+=("xruns grew from $x1 to $x2 between the status reads$ctl")
    fi
  else
    verdict+=("no xrun counts (status: '$x1', '$x2')"); dropouts_only=0
  fi
  # the reference: as many frames as the daemon can have played (its uptime at the last read) + 20 s
  case "$fmt" in
    FLOAT_LE|S32_LE|S16_LE)
      if [ -s "$share/out/capture.raw" ]; then
        local secs frames
        secs=$(awk -v u="${up2:-0}" 'BEGIN{s=u+20; if (s<30) s=30; printf "%d", s}')
        frames=$((secs * 48000))
        if "$share/app/mimiumd" render "$share/test.mmm" --output "$work/ref.wav" --times "$frames" > "$work/render.log" 2>&1; then
          python3 "$root/.ci/alsa-vm-compare.py" "$work/ref.wav" "$share/out/capture.raw" --format "$fmt" \
              > "$work/compare-$attempt.log" 2>&1 || { verdict+=("capture does not match the offline render"); }
          cat "$work/compare-$attempt.log"
          match=$(sed -n 's/^compare: [A-Z]* [0-9]* of [0-9]* overlapping frames match (\([0-9.]*%\).*/\1/p' "$work/compare-$attempt.log")
          grep -q '^compare: ERROR\|all silence\|no captured frame' "$work/compare-$attempt.log" && dropouts_only=0
        else
          cat "$work/render.log"; verdict+=("mimiumd render failed"); dropouts_only=0
        fi
      else
        verdict+=("no capture"); dropouts_only=0
      fi ;;
    "") verdict+=("no playback format (device never opened?)"); dropouts_only=0 ;;
    *) verdict+=("unexpected format $fmt"); dropouts_only=0 ;;
  esac
  summary="format $fmt, period $(get period_size)/buffer $(get buffer_size) frames, match ${match:-n/a}, xruns $x1 -> $x2 between the status reads, daemon exit $dexit, VM ${t_vm}s"
}

joined() { local v out=; for v in "${verdict[@]}"; do out+="${out:+; }$v"; done; echo "$out"; }
attempt=1
while :; do
  log "VM run $attempt of at most $attempts"
  run_once "$attempt"
  if [ ${#verdict[@]} = 0 ]; then break; fi
  echo "----- guest output (attempt $attempt) -----"
  cat "$work/guest-$attempt.log"
  echo "----- alsa-vm -----"
  cat "$work/vm-$attempt.log"
  echo "-------------------"
  log "attempt $attempt failed: $(joined)"
  if [ "$dropouts_only" = 1 ] && [ "$attempt" -lt "$attempts" ]; then
    log "only audio dropouts failed (under TCG they follow other load on the host); trying again"
    attempt=$((attempt + 1))
    continue
  fi
  fail "$(joined); $summary; total $(since "$t_start")s"
done
grep '^\[guest' "$work/guest-$attempt.log" | grep -E 'running|status . |exit' || true
tail -n 1 "$work/vm-$attempt.log"
echo "alsa-vm-check: PASS $summary; attempt $attempt; build ${t_build}s, publish ${t_publish}s, total $(since "$t_start")s"
