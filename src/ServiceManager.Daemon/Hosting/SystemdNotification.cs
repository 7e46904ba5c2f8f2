using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// Under systemd with <c>Type=notify</c> (<c>svcmgr startup systemd</c>): <c>READY=1</c> once every hosted service has
/// started, so the socket is bound and the fleet restored (a client is served at once), and <c>STOPPING=1</c> when
/// shutdown begins. Without <c>NOTIFY_SOCKET</c> it does nothing.
/// </summary>
internal sealed class SystemdNotification(NotifySocket? socket, IHostApplicationLifetime lifetime, ILogger<SystemdNotification> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (socket is null) return Task.CompletedTask;
        lifetime.ApplicationStarted.Register(() => Send("READY=1"));
        lifetime.ApplicationStopping.Register(() => Send("STOPPING=1"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Send(string message)
    {
        try
        {
            socket!.Send(message);
            logger.LogInformation("told {NotifySocket}: {Message}", socket.Address, message);
        }
        catch (SocketException ex)
        {
            // systemd gone or a stale variable: the daemon works the same without it.
            logger.LogWarning("could not tell {NotifySocket} {Message}: {Error}", socket!.Address, message, ex.Message);
        }
    }
}
