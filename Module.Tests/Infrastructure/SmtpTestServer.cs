using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Text;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpHost = SmtpServer.SmtpServer;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>One message as the SMTP server received it, parsed with MimeKit.</summary>
public sealed record ReceivedEmail(
    string MessageId,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string TextBody,
    string HtmlBody,
    string Raw);

/// <summary>
/// A real SMTP server on the loopback interface of the test process, so delivery code is tested
/// over an actual socket, including outages (<see cref="StopAsync"/>) and recovery on the same port.
/// </summary>
/// <remarks>
/// Received messages survive a stop/start cycle: they belong to this object, not to the listener.
/// </remarks>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private const int InitialPortAttempts = 5;
    private static readonly TimeSpan RebindTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RebindDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly object _sync = new();
    private readonly List<ReceivedEmail> _messages = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    // Serialises stop/start so an outage toggled from two places cannot leave two listeners behind.
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private Listener? _listener;
    private TaskCompletionSource? _arrival;
    private bool _disposed;

    private SmtpTestServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>
    /// How long the server takes over each message before accepting it, like a busy real server; it
    /// keeps a dispatcher mid-send long enough for a test to kill it there.
    /// </summary>
    public TimeSpan AcceptDelay { get; set; }

    public string Host => "127.0.0.1";

    /// <summary>
    /// Completes when the next message's data has arrived, before <see cref="AcceptDelay"/> and its
    /// acceptance: its sender is then waiting for the server's answer, mid-send.
    /// </summary>
    public Task NextArrivalAsync()
    {
        lock (_sync)
        {
            _arrival ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _arrival.Task;
        }
    }

    public IReadOnlyList<ReceivedEmail> Messages
    {
        get
        {
            lock (_sync)
            {
                return _messages.ToArray();
            }
        }
    }

    public static async Task<SmtpTestServer> StartAsync()
    {
        // The probed port can be taken by someone else before we bind it, so a clash means "probe again".
        for (var attempt = 1; ; attempt++)
        {
            var server = new SmtpTestServer(FindFreePort());
            try
            {
                server._listener = server.Listen();
                return server;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < InitialPortAttempts)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Stops listening, as an outage would: new connections are refused and open sessions are cut.</summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            await StopListenerAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Ends the outage by listening on the same port again, so clients configured with it reconnect.</summary>
    public async Task StartAgainAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_listener is not null)
            {
                return;
            }

            // The kernel can hold the port briefly after the previous listener closed.
            var deadline = DateTime.UtcNow + RebindTimeout;
            while (true)
            {
                try
                {
                    _listener = Listen();
                    return;
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(RebindDelay);
                }
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(int count, TimeSpan timeout)
    {
        TaskCompletionSource signal;
        (int, TaskCompletionSource) waiter;
        lock (_sync)
        {
            if (_messages.Count >= count)
            {
                return _messages.ToArray();
            }

            // Continuations run off the SMTP session's thread so a slow test cannot stall delivery.
            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiter = (count, signal);
            _waiters.Add(waiter);
        }

        try
        {
            await signal.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            int arrived;
            lock (_sync)
            {
                _waiters.Remove(waiter);
                arrived = _messages.Count;
                if (arrived >= count)
                {
                    return _messages.ToArray();
                }
            }

            throw new TimeoutException(string.Create(
                CultureInfo.InvariantCulture,
                $"Expected at least {count} email(s) on SMTP port {Port} within {timeout.TotalSeconds:0.###}s, but {arrived} arrived."));
        }

        return Messages;
    }

    /// <summary>
    /// The <paramref name="nth"/> message to <paramref name="to"/> with <paramref name="subject"/> (and,
    /// if given, <paramref name="where"/>), as soon as it has arrived (20 s at most).
    /// </summary>
    public async Task<ReceivedEmail> EmailToAsync(string to, string subject, int nth = 1, Func<ReceivedEmail, bool>? where = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var found = Messages.Where(m => m.To.Contains(to) && m.Subject == subject && (where is null || where(m))).ToList();
            if (found.Count >= nth)
            {
                return found[nth - 1];
            }

            Assert.True(DateTime.UtcNow < deadline, $"No email {nth} '{subject}' to {to}; received: {string.Join(" | ", Messages.Select(m => $"{string.Join(",", m.To)}: {m.Subject}"))}");
            try
            {
                await WaitForAsync(Messages.Count + 1, TimeSpan.FromMilliseconds(500));
            }
            catch (TimeoutException)
            {
                // Looked again at the deadline's pace: the message may be on its way still.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await StopListenerAsync();
        }
        finally
        {
            _lifecycle.Release();
        }

        lock (_sync)
        {
            foreach (var (_, signal) in _waiters)
            {
                signal.TrySetException(new ObjectDisposedException(nameof(SmtpTestServer)));
            }

            _waiters.Clear();
        }
    }

    private static int FindFreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private Listener Listen()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                .IsSecure(false)
                .AuthenticationRequired(false))
            .Build();

        var services = new SmtpServiceProvider();
        services.Add(new CapturingStore(this));

        var host = new SmtpHost(options, services);
        var cancellation = new CancellationTokenSource();
        // The library binds the socket synchronously inside StartAsync, so a failed bind is already
        // visible on the returned task and a running task means the port is accepting connections.
        var run = host.StartAsync(cancellation.Token);
        if (run.IsFaulted)
        {
            cancellation.Dispose();
            var error = run.Exception!.GetBaseException();
            ExceptionDispatchInfo.Throw(error);
        }

        return new Listener(host, cancellation, run);
    }

    private async Task StopListenerAsync()
    {
        if (_listener is not { } listener)
        {
            return;
        }

        _listener = null;
        // Cancelling (rather than SmtpServer.Shutdown) also cuts open sessions, which is what a real outage does.
        await listener.Cancellation.CancelAsync();
        try
        {
            // ShutdownTask completes once every listening socket is closed; the run task then waits for sessions.
            await listener.Host.ShutdownTask.WaitAsync(ShutdownTimeout);
            await listener.Run.WaitAsync(ShutdownTimeout);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is how we asked it to stop.
        }
        finally
        {
            listener.Cancellation.Dispose();
        }
    }

    private void Arrived()
    {
        lock (_sync)
        {
            _arrival?.TrySetResult();
            _arrival = null;
        }
    }

    private void Add(ReceivedEmail email)
    {
        lock (_sync)
        {
            _messages.Add(email);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_messages.Count >= _waiters[i].Count)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private static ReceivedEmail Parse(byte[] raw)
    {
        using var stream = new MemoryStream(raw, writable: false);
        using var message = MimeMessage.Load(stream);
        return new ReceivedEmail(
            MessageId: message.MessageId ?? string.Empty,
            From: message.From.Mailboxes.FirstOrDefault()?.Address ?? string.Empty,
            To: message.To.Mailboxes.Select(mailbox => mailbox.Address).ToArray(),
            Subject: message.Subject ?? string.Empty,
            TextBody: message.TextBody ?? string.Empty,
            HtmlBody: message.HtmlBody ?? string.Empty,
            Raw: Encoding.UTF8.GetString(raw));
    }

    private sealed record Listener(SmtpHost Host, CancellationTokenSource Cancellation, Task Run);

    private sealed class CapturingStore(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context,
            IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            var raw = buffer.ToArray();
            owner.Arrived();
            if (owner.AcceptDelay > TimeSpan.Zero)
            {
                // The whole message is here: a client that dies now still gets it delivered, unacknowledged.
                await Task.Delay(owner.AcceptDelay, CancellationToken.None);
            }

            owner.Add(Parse(raw));
            return SmtpResponse.Ok;
        }
    }
}
