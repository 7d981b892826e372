# syntax=docker/dockerfile:1
# mimiumd in a container: self-contained ReadyToRun build, small runtime-deps image with libasound.
#
# Build (native or cross, e.g. on an x64 host for a Raspberry Pi):
#   docker build -t mimiumd .
#   docker buildx build --platform linux/arm64 -t mimiumd:arm64 .
#
# Run with the host's sound devices. --group-add audio gives the non-root user access to
# /dev/snd/* (group "audio", gid 29 on Debian, Ubuntu and Raspberry Pi OS alike); the ulimits let
# the audio thread take SCHED_FIFO and lock its memory without any capability:
#   docker run -d --name mimiumd --restart unless-stopped \
#     --device /dev/snd --group-add audio \
#     --ulimit rtprio=95 --ulimit memlock=-1 \
#     -p 57140:57140/udp -p 57140:57140/tcp \
#     -v mimiumd-state:/var/lib/mimiumd \
#     mimiumd
# The OSC port is the daemon's default (Mimiumd:Osc:Port in config/mimiumd.json). Because the
# container binds 0.0.0.0, code pushes and transport commands need the shared secret, and clients
# must be in AllowedNetworks (default: loopback only). Through -p, remote clients keep their own
# address while an editor on the Docker host itself arrives from the bridge gateway (172.17.0.1), e.g.
#     -e MIMIUMD_Mimiumd__Osc__SharedSecret=... \
#     -e MIMIUMD_Mimiumd__Osc__AllowedNetworks__0=192.168.1.0/24 \
#     -e MIMIUMD_Mimiumd__Osc__AllowedNetworks__1=172.16.0.0/12
# Docker's own restart policy replaces systemd's here; there is no NOTIFY_SOCKET, so the sd_notify
# calls are silent no-ops. With a kernel built with CONFIG_RT_GROUP_SCHED, SCHED_FIFO also needs
# --cpu-rt-runtime=950000.

# ---- build: runs on the build machine's architecture and cross-compiles for the target ----------
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
COPY . .
# -a takes Docker's names (amd64, arm64) and maps them to the RID (linux-x64, linux-arm64).
RUN dotnet publish src/Mimiumd/Mimiumd.csproj -c Release -a "$TARGETARCH" --self-contained true \
        -p:PublishReadyToRun=true -p:DebugType=none -o /app

# ---- runtime ------------------------------------------------------------------------------------
# Self-contained, so runtime-deps (libc, libssl, CA certificates) is enough; Ubuntu 24.04 based.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
# libasound2 is called libasound2t64 since the 64-bit time_t transition (Ubuntu 24.04, Debian 13).
RUN apt-get update \
    && (apt-get install -y --no-install-recommends libasound2t64 \
        || apt-get install -y --no-install-recommends libasound2) \
    && rm -rf /var/lib/apt/lists/* \
    && (getent group audio >/dev/null || groupadd --system --gid 29 audio) \
    && useradd --system --user-group --groups audio --home-dir /var/lib/mimiumd --no-create-home \
        --shell /usr/sbin/nologin mimiumd \
    && install -d -o mimiumd -g mimiumd -m 0700 /var/lib/mimiumd

COPY --from=build --chown=root:root /app /app

# Workstation GC (fewer threads, smaller pauses on few cores); PGO as in the systemd unit.
ENV DOTNET_gcServer=0 \
    DOTNET_TieredPGO=1

USER mimiumd
WORKDIR /var/lib/mimiumd
VOLUME ["/var/lib/mimiumd"]
EXPOSE 57140/udp 57140/tcp
# docker stop: SIGTERM -> panic MIDI, fade audio, exit 0; SIGKILL after 10 s (docker's default,
# the same as TimeoutStopSec= in the unit).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/mimiumd", "serve", "--bind", "0.0.0.0"]
# Extra arguments after the image name in `docker run` replace these (e.g. --audio alsa:hw:CARD=Device).
# Without --config the daemon reads /app/config/mimiumd.json (shipped next to the binary); mount your
# own with -v ./mimiumd.json:/app/config/mimiumd.json:ro or override settings with MIMIUMD_* variables.
CMD ["--state-dir", "/var/lib/mimiumd"]
