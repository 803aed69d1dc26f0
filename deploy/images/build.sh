#!/usr/bin/env bash
# Builds the container images of the three services and the agent simulator as docker-loadable archives, with no
# Docker daemon and no registry: container-images/target/images/<application>.tar
#   deploy/images/build.sh [tag]          then: docker load -i container-images/target/images/session-service.tar
set -euo pipefail
cd "$(dirname "$0")/../.."
TAG=${1:-0.1.0}
./mvnw -B -q -DskipTests -pl container-images -am package
java -Dsessionplane.root="$PWD" -cp "container-images/target/classes:$(cat container-images/target/builder.classpath)" \
  io.sessionplane.images.ImageBuilder container-images/target/images "$TAG"
