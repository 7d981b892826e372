#!/usr/bin/env bash
# Installs mimiumd as a systemd service (Debian / Raspberry Pi OS 64-bit / Ubuntu).
#
#   sudo scripts/install.sh [--rid linux-x64|linux-arm64] [--prefix /opt/mimiumd]
#                           [--from PUBLISH_DIR] [--dry-run]
#
# Steps (each idempotent, so re-running upgrades in place):
#   1. dotnet publish src/Mimiumd self-contained (ReadyToRun when the toolchain allows) for the RID
#      (default: from `uname -m`), or take an existing publish folder with --from (e.g. built on a
#      fast machine with `--rid linux-arm64` and copied to a Pi that has no .NET SDK);
#   2. system user `mimiumd` (no login, home /var/lib/mimiumd) in group `audio`;
#   3. the files into the prefix (replaced as a whole, so no stale assemblies survive an upgrade);
#   4. systemd/mimiumd.service into /etc/systemd/system (ExecStart adjusted to the prefix);
#   5. config/mimiumd.json into /etc/mimiumd/ unless one is already there (never overwritten);
#   6. systemctl daemon-reload && systemctl enable --now mimiumd (restart if it was running),
#      skipped with a message when systemd is not running (containers, chroots).
# --dry-run prints every step without changing anything (and needs neither root nor dotnet).
# Environment: DOTNET (path of the dotnet CLI, default `dotnet`).
set -euo pipefail

readonly SERVICE=mimiumd
readonly SERVICE_USER=mimiumd
readonly STATE_DIR=/var/lib/mimiumd
readonly CONFIG_DIR=/etc/mimiumd
readonly UNIT_DIR=/etc/systemd/system
readonly DEFAULT_PREFIX=/opt/mimiumd
readonly MARKER=.mimiumd-install

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DOTNET=${DOTNET:-dotnet}
RID=""
PREFIX=$DEFAULT_PREFIX
FROM=""
DRY_RUN=0

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}

die() { echo "install.sh: error: $*" >&2; exit 1; }
say() { echo "==> $*"; }

# Prints the command; runs it unless --dry-run.
run() {
    printf '+'
    printf ' %q' "$@"
    printf '\n'
    if [[ $DRY_RUN -eq 0 ]]; then
        "$@"
    fi
}

while [[ $# -gt 0 ]]; do
    case $1 in
        --rid) [[ $# -ge 2 ]] || die "--rid needs a value"; RID=$2; shift 2 ;;
        --rid=*) RID=${1#*=}; shift ;;
        --prefix) [[ $# -ge 2 ]] || die "--prefix needs a value"; PREFIX=$2; shift 2 ;;
        --prefix=*) PREFIX=${1#*=}; shift ;;
        --from) [[ $# -ge 2 ]] || die "--from needs a value"; FROM=$2; shift 2 ;;
        --from=*) FROM=${1#*=}; shift ;;
        --dry-run|-n) DRY_RUN=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

if [[ -z $RID ]]; then
    case $(uname -m) in
        x86_64|amd64) RID=linux-x64 ;;
        aarch64|arm64) RID=linux-arm64 ;;
        armv6l|armv7l) die "32-bit ARM ($(uname -m)) is not supported: install 64-bit Raspberry Pi OS (Pi 3/4/5/Zero 2 W)" ;;
        *) die "cannot map machine '$(uname -m)' to a .NET RID; pass --rid linux-x64 or --rid linux-arm64" ;;
    esac
fi
case $RID in
    linux-x64|linux-arm64) ;;
    *) die "unsupported --rid '$RID' (expected linux-x64 or linux-arm64)" ;;
esac

# The prefix is replaced as a whole, so refuse anything that could be a system directory.
[[ $PREFIX == /* ]] || die "--prefix must be an absolute path: '$PREFIX'"
while [[ $PREFIX == */ && $PREFIX != / ]]; do PREFIX=${PREFIX%/}; done
case $PREFIX in
    /|/bin|/boot|/dev|/etc|/home|/lib|/lib64|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/usr/*bin|/usr/lib*|/usr/local|/usr/share|/var|/var/lib)
        die "refusing --prefix '$PREFIX': it is replaced as a whole, use a dedicated directory such as $DEFAULT_PREFIX" ;;
esac
[[ $PREFIX =~ ^/[A-Za-z0-9._/-]+$ && $PREFIX != *..* ]] || die "--prefix may contain only letters, digits and . _ - / (no ..): '$PREFIX'"
if [[ -d $PREFIX && ! -e $PREFIX/$MARKER && -n $(ls -A "$PREFIX" 2>/dev/null) ]]; then
    die "refusing to replace non-empty '$PREFIX' that was not installed by this script (no $MARKER)"
fi

if [[ $DRY_RUN -eq 1 ]]; then
    say "dry run: nothing is changed"
elif [[ $(id -u) -ne 0 ]]; then
    die "must run as root (sudo $0 ...), or use --dry-run"
fi
say "rid $RID, prefix $PREFIX"

# ---------------------------------------------------------------------------------------------
# 1. Publish
WORK=""
cleanup() { if [[ -n $WORK ]]; then rm -rf -- "$WORK"; fi; }
trap cleanup EXIT

if [[ -n $FROM ]]; then
    say "using the published files in $FROM"
    [[ $DRY_RUN -eq 1 || -x $FROM/mimiumd ]] || die "--from '$FROM' has no executable 'mimiumd'"
    PUBLISH=$FROM
else
    say "publishing src/Mimiumd for $RID (self-contained, ReadyToRun)"
    if [[ $DRY_RUN -eq 1 ]]; then
        PUBLISH="<temporary publish directory>"
    else
        command -v "$DOTNET" >/dev/null || die "'$DOTNET' not found: install the .NET 10 SDK, set DOTNET=/path/to/dotnet, or use --from"
        WORK=$(mktemp -d)
        PUBLISH=$WORK/publish
    fi
    publish=("$DOTNET" publish "$REPO/src/Mimiumd/Mimiumd.csproj" -c Release -r "$RID" --self-contained true
             -p:PublishReadyToRun=true -p:DebugType=none -o "$PUBLISH")
    if ! run "${publish[@]}"; then
        # ReadyToRun needs the crossgen2 package for this host; without it, publish plain IL (JIT at start-up).
        say "ReadyToRun publish failed; retrying without ReadyToRun"
        run rm -rf -- "$PUBLISH"
        run "${publish[@]/-p:PublishReadyToRun=true/-p:PublishReadyToRun=false}"
    fi
    [[ $DRY_RUN -eq 1 || -x $PUBLISH/mimiumd ]] || die "publish produced no '$PUBLISH/mimiumd'"
fi

# ---------------------------------------------------------------------------------------------
# 2. User and group
say "system user $SERVICE_USER in group audio"
NOLOGIN=/usr/sbin/nologin
for candidate in /usr/sbin/nologin /sbin/nologin /bin/false; do
    if [[ -x $candidate ]]; then NOLOGIN=$candidate; break; fi
done
if ! getent group audio >/dev/null; then
    run groupadd --system audio
fi
if id -u "$SERVICE_USER" >/dev/null 2>&1; then
    if id -nG "$SERVICE_USER" | tr ' ' '\n' | grep -qx audio; then
        echo "user $SERVICE_USER exists and is in group audio"
    else
        run usermod --append --groups audio "$SERVICE_USER"
    fi
else
    if getent group "$SERVICE_USER" >/dev/null; then
        primary=(--gid "$SERVICE_USER")
    else
        primary=(--user-group)
    fi
    run useradd --system "${primary[@]}" --groups audio --home-dir "$STATE_DIR" --no-create-home \
        --shell "$NOLOGIN" --comment "mimiumd live-coding audio daemon" "$SERVICE_USER"
fi
# systemd creates it too (StateDirectory=); done here for hosts where systemd is not running.
run install -d -o "$SERVICE_USER" -g "$SERVICE_USER" -m 0700 "$STATE_DIR"

# ---------------------------------------------------------------------------------------------
# 3. Program files: staged next to the prefix, then swapped in.
say "installing the program into $PREFIX"
STAGE=$PREFIX.new
OLD=$PREFIX.old
run rm -rf -- "$STAGE" "$OLD"
run mkdir -p -- "$STAGE"
run cp -R -- "$PUBLISH/." "$STAGE/"
run chown -R root:root -- "$STAGE"
run chmod -R u=rwX,go=rX -- "$STAGE"
run chmod 0755 -- "$STAGE/mimiumd"
run touch -- "$STAGE/$MARKER"
if [[ -e $PREFIX ]]; then
    run mv -- "$PREFIX" "$OLD"
fi
run mv -- "$STAGE" "$PREFIX"
run rm -rf -- "$OLD"

# ---------------------------------------------------------------------------------------------
# 4. Unit
say "installing $UNIT_DIR/$SERVICE.service"
UNIT_SRC=$REPO/systemd/$SERVICE.service
[[ -f $UNIT_SRC ]] || die "missing $UNIT_SRC"
if [[ $PREFIX == "$DEFAULT_PREFIX" ]]; then
    unit_file=$UNIT_SRC
else
    echo "ExecStart rewritten: $DEFAULT_PREFIX/mimiumd -> $PREFIX/mimiumd"
    if [[ $DRY_RUN -eq 1 ]]; then
        unit_file="<$SERVICE.service with ExecStart=$PREFIX/mimiumd>"
    else
        [[ -n $WORK ]] || WORK=$(mktemp -d)
        unit_file=$WORK/$SERVICE.service
        sed "s#^ExecStart=$DEFAULT_PREFIX/mimiumd #ExecStart=$PREFIX/mimiumd #" "$UNIT_SRC" >"$unit_file"
        grep -q "^ExecStart=$PREFIX/mimiumd " "$unit_file" || die "could not rewrite ExecStart in $UNIT_SRC"
    fi
fi
run install -D -m 0644 -o root -g root "$unit_file" "$UNIT_DIR/$SERVICE.service"

# ---------------------------------------------------------------------------------------------
# 5. Configuration (never overwritten; it may hold an OSC shared secret, hence 0640 root:mimiumd)
say "configuration in $CONFIG_DIR"
run install -d -m 0755 "$CONFIG_DIR"
CONFIG_SRC=$REPO/config/mimiumd.json
if [[ -e $CONFIG_DIR/mimiumd.json ]]; then
    echo "keeping existing $CONFIG_DIR/mimiumd.json"
elif [[ -f $CONFIG_SRC ]]; then
    run install -m 0640 -o root -g "$SERVICE_USER" "$CONFIG_SRC" "$CONFIG_DIR/mimiumd.json"
else
    echo "warning: $CONFIG_SRC not found; not installing a configuration" >&2
fi

# ---------------------------------------------------------------------------------------------
# 6. systemd
if [[ -d /run/systemd/system ]]; then
    say "enabling and starting $SERVICE"
    was_active=0
    if systemctl is-active --quiet "$SERVICE"; then was_active=1; fi
    run systemctl daemon-reload
    run systemctl enable --now "$SERVICE"
    if [[ $was_active -eq 1 ]]; then
        # enable --now leaves a running service alone; restart it onto the new files.
        run systemctl restart "$SERVICE"
    fi
    [[ $DRY_RUN -eq 1 ]] || systemctl --no-pager --lines=0 status "$SERVICE" || true
else
    say "systemd is not running (container or chroot?): skipping systemctl daemon-reload and enable --now $SERVICE"
    echo "on the target system run: systemctl daemon-reload && systemctl enable --now $SERVICE"
fi
say "done"
