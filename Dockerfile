# Builds the gateway (and the simulator, which the same image can run) from source.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN bash scripts/npm-setup.sh --ide-only || true
RUN dotnet publish src/RunsGateway -c Release -o /app/gateway \
 && dotnet publish src/RunsGateway.VendorSimulator -c Release -o /app/simulator

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/gateway/RunsGateway.dll"]
