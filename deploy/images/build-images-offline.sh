#!/usr/bin/env bash
# Builds the four services' container images where no container registry can be reached, only a Debian
# mirror and Maven Central (as on EcoPlan's build machines), and writes each as an OCI archive:
#
#   1. a base image: Debian's minimal system with OpenJDK 17 (Debian's packages, via mmdebstrap) and the
#      user 185, saved as an image tarball;
#   2. a throwaway registry on 127.0.0.1 (Debian's docker-registry), because Quarkus' Jib extension
#      writes an image either to a registry or to a Docker daemon, and there is no daemon here;
#   3. `mvn package -Pimages` with that base (quarkus.jib.base-jvm-image=tar://…) and that registry;
#   4. each image copied out of the registry into deploy/images/target/<service>.oci.tar (skopeo), and
#      its configuration printed (user, entrypoint, port).
#
# Where a registry is reachable, none of this is needed: `mvn -B package -Pimages -DskipTests
# -Dquarkus.container-image.registry=<registry>` builds on Red Hat's OpenJDK 17 runtime and pushes.
#
# Needs root (mmdebstrap) and the Debian packages mmdebstrap, docker-registry and skopeo.
# Environment: ECOPLAN_IMAGE_REGISTRY_PORT (15000), ECOPLAN_BASE_SUITE (bookworm).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/deploy/images/target"
port=${ECOPLAN_IMAGE_REGISTRY_PORT:-15000}
suite=${ECOPLAN_BASE_SUITE:-bookworm}
services=(plan-service progress-service indicator-service notification-service)
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -1)

for tool in mmdebstrap:mmdebstrap docker-registry:docker-registry skopeo:skopeo; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    echo "Needs ${tool%%:*}: apt-get install ${tool#*:}" >&2
    exit 1
  fi
done
mkdir -p "$out/base"

# 1. The base image, built once (delete deploy/images/target/base to rebuild it with newer packages).
base="$out/base/openjdk-17-jre-base.tar"
if [[ ! -f "$base" ]]; then
  echo "Building the base image from Debian $suite packages"
  work=$(mktemp -d)
  # man1 must exist for openjdk's update-alternatives, even though manual pages are left out.
  mmdebstrap --quiet --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook='chroot "$1" useradd --uid 185 --gid 0 --home-dir /home/jboss --create-home --shell /usr/sbin/nologin jboss' \
    --customize-hook='rm -rf "$1/var/cache/apt" "$1/var/lib/apt/lists"' \
    "$suite" "$work/layer.tar"
  diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
  cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"User":"185","WorkingDir":"/home/jboss","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
JSON
  echo '[{"Config":"config.json","RepoTags":["ecoplan/openjdk-17-jre-base:'"$suite"'"],"Layers":["layer.tar"]}]' > "$work/manifest.json"
  tar -C "$work" -cf "$base.partial" manifest.json config.json layer.tar
  mv "$base.partial" "$base"
  rm -rf "$work"
fi

# 2. A registry on the loopback interface only, stopped when this script ends.
cat > "$out/registry.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $out/registry
http:
  addr: 127.0.0.1:$port
log:
  level: warn
YAML
docker-registry serve "$out/registry.yml" > "$out/registry.log" 2>&1 &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.2
done

# 3. The images, as the documented command builds them, on the local base and registry.
modules=$(IFS=,; echo "${services[*]}")
mvn -B -q package -Pimages -DskipTests -pl "$modules" -am -f "$root/pom.xml" \
  -Dquarkus.jib.base-jvm-image="tar://$base" \
  -Dquarkus.container-image.registry="127.0.0.1:$port" \
  -Dquarkus.container-image.insecure=true

# 4. Out of the registry into OCI archives; what each image runs.
for service in "${services[@]}"; do
  image="127.0.0.1:$port/ecoplan/$service:$version"
  rm -f "$out/$service.oci.tar"
  skopeo copy --quiet --src-tls-verify=false "docker://$image" "oci-archive:$out/$service.oci.tar:ecoplan/$service:$version"
  echo "$service: $out/$service.oci.tar ($(du -m "$out/$service.oci.tar" | cut -f1) MB)"
  config=$(skopeo inspect --config "oci-archive:$out/$service.oci.tar" | tr -d '\n ')
  for field in User WorkingDir Entrypoint ExposedPorts; do
    echo "    $field: $(echo "$config" | grep -o "\"$field\":\(\"[^\"]*\"\|\[[^]]*\]\|{[^}]*{}}\)" | head -1 | cut -d: -f2-)"
  done
done
