namespace Platform.Bench.Gateway;

/// <summary>nginx (Debian package) as a plain reverse proxy with upstream keep-alive, from a generated config in a temp directory.</summary>
public static class NginxProcess
{
    public static async Task<ChildProcess> StartAsync(Uri backend)
    {
        var directory = Directory.CreateTempSubdirectory("gatewaybench-nginx-").FullName;
        var port = FreePort.Next();
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes auto;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
              upstream backend {
                server {{backend.Authority}};
                keepalive 256;
              }
              server {
                listen 127.0.0.1:{{port}};
                # Bodies up to 128 KB stay in memory, as they do in the .NET proxies.
                client_body_buffer_size 128k;
                location / {
                  proxy_pass http://backend;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                }
                # Streams are passed on chunk by chunk, not buffered.
                location {{Backend.ChatPath}} {
                  proxy_pass http://backend;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_buffering off;
                }
              }
            }
            """);
        var nginx = ChildProcess.Start("nginx", ["-p", directory, "-c", config], port, scratchDirectory: directory);
        using var http = new HttpClient { BaseAddress = nginx.Address };
        await nginx.WaitUntilAsync(async () => (await http.GetAsync(Backend.ModelsPath)).IsSuccessStatusCode);
        return nginx;
    }
}
