# Local stand-ins for the third-party images of docker-compose.yml, built from Debian's packages on the
# debootstrap base image (no registry). One shared layer with every package, then one small target per service
# whose entrypoint and user match the upstream image, so docker-compose.yml's `command:` and healthchecks work as
# written. Selected through compose variables (PROMETHEUS_IMAGE, ...), never tagged with upstream names.
# Grafana is not packaged by Debian: it has no local stand-in (its provisioning is checked statically).
#   docker build -f docker/local/ops.Dockerfile --build-arg BASE_IMAGE=<base> --target prometheus -t propo-local/prometheus .
ARG BASE_IMAGE=debian:bookworm
FROM ${BASE_IMAGE} AS packages
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      prometheus prometheus-alertmanager prometheus-node-exporter prometheus-redis-exporter redis-server wget \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /prometheus /alertmanager /data \
 && chown nobody:nogroup /prometheus /alertmanager \
 && chown redis:redis /data

FROM packages AS prometheus
USER nobody
WORKDIR /prometheus
ENTRYPOINT ["/usr/bin/prometheus"]
EXPOSE 9090

FROM packages AS alertmanager
USER nobody
WORKDIR /alertmanager
ENTRYPOINT ["/usr/bin/prometheus-alertmanager"]
EXPOSE 9093

FROM packages AS node-exporter
USER nobody
ENTRYPOINT ["/usr/bin/prometheus-node-exporter"]
EXPOSE 9100

FROM packages AS redis-exporter
USER nobody
ENTRYPOINT ["/usr/bin/prometheus-redis-exporter"]
EXPOSE 9121

# Like redis:7-alpine: `command: ["redis-server", ...]` runs as user redis in /data, and (as that image's
# entrypoint does) without protected mode, so other containers on the bridge can connect.
FROM packages AS redis
RUN printf '#!/bin/sh\nif [ "$1" = redis-server ]; then shift; exec redis-server --protected-mode no "$@"; fi\nexec "$@"\n' \
      > /usr/local/bin/redis-entrypoint \
 && chmod 755 /usr/local/bin/redis-entrypoint
USER redis
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["/usr/local/bin/redis-entrypoint"]
CMD ["redis-server"]
