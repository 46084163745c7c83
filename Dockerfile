# syntax=docker/dockerfile:1
# Parley's server as a small image: a static Go binary (CGO off; the embedded
# store is pure Go) on distroless, run as a non-root user.
#
#   docker build -t parley .
#   docker run -p 127.0.0.1:8080:8080 -e PARLEY_API_KEY=secret -v parley-data:/data parley   # embedded store in /data
#   NEO4J_PASSWORD=x PARLEY_API_KEY=y docker compose up --build     # with Neo4j: docker-compose.yml

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/parley ./cmd/parley \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/parley /usr/local/bin/parley
# The embedded store's folder, owned by the image's non-root user (65532).
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
WORKDIR /data
ENV PARLEY_STORE=/data/parley.db
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/parley"]
# 0.0.0.0 is needed inside a container; serve refuses it without an API key,
# so run the image with -e PARLEY_API_KEY=... (writes must present it).
CMD ["serve", "--addr", "0.0.0.0:8080"]
