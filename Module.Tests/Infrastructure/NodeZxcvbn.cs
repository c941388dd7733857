using System.Diagnostics;
using System.Text.Json;
using Commerce.Customers.Security;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// zxcvbn 4.4.2, the very script the module embeds (and the browser's meter runs), executed by Node
/// rather than by the server's Jint engines: about a hundred times faster, for checks over
/// thousands of passwords. That both engines give the same scores is its own test
/// (<c>PasswordStrengthEstimatorTests</c>).
/// </summary>
public static class NodeZxcvbn
{
    private const string Runner = """
        const zxcvbn = require(process.argv[1]);
        let text = '';
        process.stdin.setEncoding('utf8');
        process.stdin.on('data', chunk => text += chunk);
        process.stdin.on('end', () => {
          const request = JSON.parse(text);
          process.stdout.write(JSON.stringify(request.passwords.map(password => zxcvbn(password, request.inputs).score)));
        });
        """;

    public static string? NodePath { get; } = new[] { "/usr/bin/node", "/usr/local/bin/node" }.FirstOrDefault(File.Exists);

    /// <summary>zxcvbn's score (0 to 4) of each password, in order.</summary>
    public static async Task<IReadOnlyList<int>> ScoresAsync(IReadOnlyList<string> passwords, IReadOnlyList<string> inputs)
    {
        var node = NodePath ?? throw new InvalidOperationException("Node is not installed.");
        var folder = Directory.CreateTempSubdirectory("commerce-zxcvbn-");
        try
        {
            var script = Path.Combine(folder.FullName, "zxcvbn.js");
            await using (var resource = typeof(PasswordStrengthEstimator).Assembly.GetManifestResourceStream(PasswordStrengthEstimator.ScriptResource)!)
            await using (var file = File.Create(script))
            {
                await resource.CopyToAsync(file);
            }

            var start = new ProcessStartInfo(node) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-e", Runner, "--", script })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(new { passwords, inputs }));
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}: {await errors}");
            return JsonSerializer.Deserialize<int[]>(await output)!;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
