using Commerce.Customers.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Commerce.Customers.Notifications;

/// <summary>
/// "Sends" by writing each message as an .eml file, so a fresh site delivers email with no server.
/// A message written twice (a retry) overwrites itself: the file is named after its Message-Id.
/// </summary>
internal sealed class PickupFolderEmailTransport(IOptions<EmailOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment) : IEmailTransport
{
    public string Folder => Path.GetFullPath(Path.Combine(DatabaseRegistration.DataFolderPath(database.Value, environment), options.Value.PickupFolder));

    public string Describe(Microsoft.Extensions.Localization.IStringLocalizer S) => S["Pickup folder {0}", Folder];

    public Task<IEmailSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IEmailSession>(new Session(Folder));
    }

    private sealed class Session(string folder) : IEmailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
            var path = Path.Combine(folder, name + ".eml");
            var temporary = path + ".tmp";
            await message.WriteToAsync(temporary, cancellationToken);
            // Readers of the folder never see half a message.
            File.Move(temporary, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
