using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Tests.Shared;

/// <summary>
/// One page of headless Chromium driven through the Chrome DevTools protocol (a WebSocket of JSON commands), for pages
/// that need a live server and script run after load, such as a Jupyter front end: navigate, evaluate JavaScript, wait
/// for a condition, take a screenshot. Chromium's only way to the network is a proxy on a closed port, bypassed for
/// <paramref name="allowedHost"/> alone, so nothing else the page asks for can leave the machine.
/// </summary>
public sealed class DevToolsPage : IDisposable
{
    private readonly Process _chromium;
    private readonly ClientWebSocket _socket = new();
    private readonly string _profile;
    private int _nextId;

    /// <param name="allowedHost">host:port the browser may reach directly, e.g. "127.0.0.1:8888".</param>
    /// <param name="width">Window width in CSS pixels.</param>
    /// <param name="height">Window height in CSS pixels.</param>
    public DevToolsPage(string allowedHost, int width = 1280, int height = 2400)
    {
        BrowserRender.RequireTools();
        _profile = Path.Combine(Path.GetTempPath(), "course-devtools-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_profile);
        var start = new ProcessStartInfo(BrowserRender.ChromiumPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                     "--disable-default-apps", "--disable-domain-reliability", "--no-pings", "--disable-breakpad", "--hide-scrollbars",
                     "--proxy-server=http://127.0.0.1:9", $"--proxy-bypass-list={allowedHost}",
                     $"--window-size={width},{height}", "--remote-debugging-port=0", "--remote-allow-origins=*",
                     $"--user-data-dir={_profile}", "about:blank",
                 })
            start.ArgumentList.Add(a);
        _chromium = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {BrowserRender.ChromiumPath}.");
        _ = _chromium.StandardError.ReadToEndAsync();
        _ = _chromium.StandardOutput.ReadToEndAsync();
        // Chromium writes the port it chose to DevToolsActivePort in the profile; the page's socket is listed by /json/list.
        string portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(portFile) || File.ReadAllText(portFile).Split('\n')[0].Trim().Length == 0)
        {
            if (DateTime.UtcNow > deadline || _chromium.HasExited)
                throw new InvalidOperationException("Chromium did not open its DevTools port within 60 s.");
            Thread.Sleep(100);
        }
        int port = int.Parse(File.ReadAllText(portFile).Split('\n')[0].Trim());
        using var http = new HttpClient();
        var pages = JsonNode.Parse(http.GetStringAsync($"http://127.0.0.1:{port}/json/list").GetAwaiter().GetResult())!.AsArray();
        string url = pages.First(p => (string?)p!["type"] == "page")!["webSocketDebuggerUrl"]!.GetValue<string>();
        _socket.ConnectAsync(new Uri(url), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Opens <paramref name="url"/> in the page.</summary>
    public void Navigate(string url) => Send("Page.navigate", new JsonObject { ["url"] = url });

    /// <summary>Evaluates a JavaScript expression in the page and returns its value as JSON (promises are awaited).</summary>
    /// <exception cref="InvalidOperationException">The expression threw.</exception>
    public JsonNode? Evaluate(string expression)
    {
        var result = Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result?["exceptionDetails"] is { } exception)
            throw new InvalidOperationException($"The page's script threw: {exception.ToJsonString()}");
        return result?["result"]?["value"];
    }

    /// <summary>Evaluates <paramref name="condition"/> every half second until it is true.</summary>
    /// <param name="condition">A JavaScript expression giving a boolean (an exception counts as false).</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="describe">A JavaScript expression whose value is put in the timeout's message, to say what the page showed.</param>
    /// <exception cref="TimeoutException">The condition was not true in time.</exception>
    public void WaitFor(string condition, TimeSpan timeout, string describe = "document.title")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try { if (Evaluate(condition)?.GetValueKind() == JsonValueKind.True) return; }
            catch (InvalidOperationException) { /* the page is still loading */ }
            if (DateTime.UtcNow > deadline)
            {
                string shown;
                try { shown = Evaluate(describe)?.ToJsonString() ?? "null"; } catch (InvalidOperationException e) { shown = e.Message; }
                throw new TimeoutException($"'{condition}' was not true within {timeout.TotalSeconds} s; the page showed: {shown}");
            }
            Thread.Sleep(500);
        }
    }

    /// <summary>A PNG of the page's viewport, or of the rectangle (x, y, width, height) in CSS pixels of the page.</summary>
    public byte[] Screenshot((double X, double Y, double Width, double Height)? clip = null)
    {
        var parameters = new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true };
        if (clip is { } c)
            parameters["clip"] = new JsonObject { ["x"] = c.X, ["y"] = c.Y, ["width"] = c.Width, ["height"] = c.Height, ["scale"] = 1 };
        return Convert.FromBase64String(Send("Page.captureScreenshot", parameters)!["data"]!.GetValue<string>());
    }

    // Sends one command and returns its result, skipping the events the page sends meanwhile.
    private JsonNode? Send(string method, JsonObject parameters)
    {
        int id = ++_nextId;
        var message = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _socket.SendAsync(message, WebSocketMessageType.Text, true, timeout.Token).GetAwaiter().GetResult();
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var received = new MemoryStream();
            WebSocketReceiveResult part;
            do
            {
                part = _socket.ReceiveAsync(buffer, timeout.Token).GetAwaiter().GetResult();
                received.Write(buffer, 0, part.Count);
            } while (!part.EndOfMessage);
            var reply = JsonNode.Parse(received.ToArray());
            if ((int?)reply?["id"] != id) continue;
            if (reply?["error"] is { } error) throw new InvalidOperationException($"DevTools {method} failed: {error.ToJsonString()}");
            return reply?["result"];
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        try { _chromium.Kill(entireProcessTree: true); _chromium.WaitForExit(10_000); } catch (InvalidOperationException) { }
        _chromium.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
