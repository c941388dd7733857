using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Commerce.Customers.Benchmarks;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 that accepts and counts messages, for the dispatch benchmark.
/// It answers each command in one write with Nagle off, so its own overhead is near zero and what
/// is measured is the sender.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _received;

    public SmtpSink()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public int Received => Volatile.Read(ref _received);

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Received < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The SMTP sink received {Received} of {count} messages.");
            }

            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            client.NoDelay = true;
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, false, 64 * 1024, leaveOpen: true);
                async Task ReplyAsync(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), _stop.Token);
                await ReplyAsync("220 localhost ESMTP sink");
                while (await reader.ReadLineAsync(_stop.Token) is { } command)
                {
                    var verb = command.Length >= 4 ? command[..4].ToUpperInvariant() : command.ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await ReplyAsync("250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8");
                            break;
                        case "DATA":
                            await ReplyAsync("354 End data with <CR><LF>.<CR><LF>");
                            while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
                            {
                            }

                            Interlocked.Increment(ref _received);
                            await ReplyAsync("250 OK");
                            break;
                        case "QUIT":
                            await ReplyAsync("221 Bye");
                            return;
                        default:
                            await ReplyAsync("250 OK");
                            break;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
            {
                // The sender hung up.
            }
        }
    }
}
