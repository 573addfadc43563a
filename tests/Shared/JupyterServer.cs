using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Course.Tests.Shared;

/// <summary>
/// Debian's classic Jupyter Notebook server (/usr/bin/jupyter-notebook) on 127.0.0.1 with a random token, serving
/// <c>root</c>, with its config, data and runtime dirs temporary: the data dir is <see cref="Nbclient.DataDir"/>,
/// where the `.NET (C#)` kernel is installed. Needs the Debian package jupyter-notebook: scripts/install-test-deps.sh.
/// </summary>
public sealed class JupyterServer : IDisposable
{
    /// <summary>The server's program.</summary>
    public const string Program = "/usr/bin/jupyter-notebook";

    private readonly Process _process;
    private readonly string _dirs = Path.Combine(Path.GetTempPath(), "course-jupyter-server-" + Guid.NewGuid().ToString("N"));
    private readonly Task<string> _log;

    public JupyterServer(string root)
    {
        if (!File.Exists(Program))
            throw new InvalidOperationException($"{Program} was not found. Run scripts/install-test-deps.sh (as root): it installs Debian's jupyter-notebook.");
        Token = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        Port = FreePort();
        var start = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = root };
        foreach (var a in new[] { "--no-browser", "--ip=127.0.0.1", $"--port={Port}", "--port-retries=0", $"--NotebookApp.token={Token}",
                                  $"--notebook-dir={root}", "--allow-root" /* CI runs as root */ })
            start.ArgumentList.Add(a);
        start.Environment["JUPYTER_DATA_DIR"] = Nbclient.DataDir;
        start.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(_dirs, "config");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(_dirs, "runtime");
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Program}.");
        _ = _process.StandardOutput.ReadToEndAsync();
        _log = _process.StandardError.ReadToEndAsync();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if (http.GetAsync(Url("api/status")).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException) { }
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{Program} did not answer on port {Port} within 90 s. {Log}");
            Thread.Sleep(300);
        }
    }

    /// <summary>The login token (every URL carries it).</summary>
    public string Token { get; }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The server's address of <paramref name="path"/> (e.g. "notebooks/x.ipynb"), with the token.</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}?token={Token}";

    /// <summary>What the server logged (once it has stopped; while it runs, a note saying so).</summary>
    public string Log => _log.IsCompleted ? _log.Result : "(the server is still running)";

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_dirs, recursive: true); } catch (IOException) { }
    }
}
