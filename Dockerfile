# One static Native AOT binary on a minimal base image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Miroir -c Release -r linux-x64 -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
COPY --from=build /app/miroir /usr/local/bin/miroir
VOLUME /data
EXPOSE 7700
ENTRYPOINT ["miroir"]
# The engine node; the orchestrator is `miroir serve -c /etc/miroir/miroir.yaml`.
CMD ["node", "--port", "7700", "--bind", "0.0.0.0", "--data", "/data"]
