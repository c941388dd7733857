using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Kestrel's request body limit for the in-memory test server, which has none. Without it every post
/// to an endpoint with <c>[RequestSizeLimit]</c> logs "A request body size limit could not be
/// applied", and a test could be answered for a body that Kestrel refuses. As in Kestrel: 30,000,000
/// bytes unless the endpoint sets its own, fixed once the body is being read, and a body beyond it
/// fails to read with <see cref="BadHttpRequestException"/> (413).
/// </summary>
internal sealed class RequestBodyLimit : IStartupFilter
{
    private const long KestrelDefault = 30_000_000;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is null)
            {
                var body = new LimitedBody(context.Request.Body, context.Request.ContentLength);
                context.Request.Body = body;
                context.Features.Set<IHttpMaxRequestBodySizeFeature>(body);
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    private sealed class LimitedBody(Stream inner, long? contentLength) : Stream, IHttpMaxRequestBodySizeFeature
    {
        private long? _limit = KestrelDefault;
        private long _read;
        private bool _started;

        public bool IsReadOnly => _started;

        public long? MaxRequestBodySize
        {
            get => _limit;
            set => _limit = _started ? throw new InvalidOperationException("The maximum request body size cannot be changed after the request body has started to be read.") : value;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Allow(count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Allow(buffer.Length)], cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>Kestrel refuses a declared length beyond the limit before reading any of it.</summary>
        private int Allow(int count)
        {
            _started = true;
            if (_limit is { } limit && contentLength > limit)
            {
                throw TooLarge(limit);
            }

            return count;
        }

        private int Count(int read)
        {
            _read += read;
            if (_limit is { } limit && _read > limit)
            {
                throw TooLarge(limit);
            }

            return read;
        }

        private static BadHttpRequestException TooLarge(long limit) =>
            new(string.Create(CultureInfo.InvariantCulture, $"Request body too large. The max request body size is {limit} bytes."), StatusCodes.Status413PayloadTooLarge);
    }
}
