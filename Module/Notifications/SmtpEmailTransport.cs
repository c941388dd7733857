using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Commerce.Customers.Notifications;

/// <summary>Delivers through an SMTP server with MailKit, reusing one connection for a whole batch.</summary>
internal sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    private SmtpOptions Smtp => options.Value.Smtp;

    public string Describe(Microsoft.Extensions.Localization.IStringLocalizer S) => string.IsNullOrEmpty(Smtp.UserName)
        ? S["SMTP {0}:{1} ({2})", Smtp.Host, Smtp.Port, Smtp.Security]
        : S["SMTP {0}:{1} ({2}, as {3})", Smtp.Host, Smtp.Port, Smtp.Security, Smtp.UserName];

    public async Task<IEmailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var session = new Session(Smtp);
        try
        {
            await session.ConnectAsync(cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private sealed class Session(SmtpOptions smtp) : IEmailSession
    {
        private readonly SmtpClient _client = new() { Timeout = (int)TimeSpan.FromSeconds(smtp.TimeoutSeconds).TotalMilliseconds };

        public async Task ConnectAsync(CancellationToken cancellationToken)
        {
            await _client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await _client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }
        }

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            // A server may drop the connection mid-batch; the rest of the batch reconnects once.
            if (!_client.IsConnected)
            {
                await ConnectAsync(cancellationToken);
            }

            await _client.SendAsync(message, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception exception) when (exception is IOException or MailKit.ServiceNotConnectedException or MailKit.ProtocolException or SmtpCommandException)
            {
                // Saying goodbye to a server that already left is not a delivery failure.
            }
            finally
            {
                _client.Dispose();
            }
        }
    }
}
