package io.buildout4j.download;

import io.buildout4j.recipe.RecipeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Fetches {@code http(s)://} URLs into files with the JDK's HTTP client: redirects followed, a
 * connect timeout, and an idle timeout (no byte received for that long) while waiting for the
 * response and its body. Thread-safe.
 */
final class HttpFetcher {
  private final Duration timeout;
  private @Nullable HttpClient client;

  HttpFetcher(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Writes the body of {@code uri} to {@code file}, which must not exist, updating {@code digest}
   * and reporting progress.
   *
   * @throws Unavailable if the server cannot be reached, answers other than 200, stops sending, or
   *     the body ends early
   * @throws IOException if {@code file} cannot be written
   */
  void fetch(
      URI uri, String url, Path file, @Nullable MessageDigest digest, ProgressReporter progress)
      throws Unavailable, IOException {
    AtomicLong activity = new AtomicLong(System.nanoTime());
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      FileSubscriber subscriber = new FileSubscriber(channel, digest, progress, activity);
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(timeout)
              .header("User-Agent", "buildout4j")
              .GET()
              .build();
      CompletableFuture<HttpResponse<Void>> future =
          client()
              .sendAsync(
                  request,
                  info -> {
                    activity.set(System.nanoTime());
                    if (info.statusCode() != 200) {
                      return HttpResponse.BodySubscribers.replacing(null);
                    }
                    progress.total(info.headers().firstValueAsLong("Content-Length").orElse(-1));
                    return subscriber;
                  });
      HttpResponse<Void> response = await(future, subscriber, activity, url);
      if (response.statusCode() != 200) {
        throw new Unavailable(
            "Cannot download "
                + url
                + ": HTTP status "
                + response.statusCode()
                + redirected(response, uri));
      }
      channel.force(true);
      progress.done(subscriber.bytes);
    }
  }

  private HttpResponse<Void> await(
      CompletableFuture<HttpResponse<Void>> future,
      FileSubscriber subscriber,
      AtomicLong activity,
      String url)
      throws Unavailable, IOException {
    long limit = timeout.toNanos();
    while (true) {
      long left = limit - (System.nanoTime() - activity.get());
      if (left <= 0) {
        subscriber.cancel();
        future.cancel(true);
        throw new Unavailable(
            "Cannot download "
                + url
                + ": timed out, nothing received for "
                + seconds(timeout)
                + " ([buildout] socket-timeout)");
      }
      try {
        return future.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // check the idle time again: bytes may have arrived meanwhile
      } catch (InterruptedException e) {
        subscriber.cancel();
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new RecipeException("Interrupted while downloading " + url, e);
      } catch (ExecutionException e) {
        if (subscriber.writeFailure != null) {
          throw subscriber.writeFailure;
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new Unavailable("Cannot download " + url + ": " + describe(cause), cause);
      }
    }
  }

  private String describe(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return "timed out connecting after " + seconds(timeout) + " ([buildout] socket-timeout)";
    }
    if (cause instanceof HttpTimeoutException) {
      return "timed out waiting "
          + seconds(timeout)
          + " for a response ([buildout] socket-timeout)";
    }
    if (cause instanceof ConnectException) {
      return "cannot connect"
          + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
          + " ("
          + cause.getClass().getSimpleName()
          + ")";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String redirected(HttpResponse<?> response, URI requested) {
    return response.uri().equals(requested) ? "" : " (redirected to " + response.uri() + ")";
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
    }
    return client;
  }

  /** Writes a body to a file as it arrives, digesting it and noting activity. */
  private static final class FileSubscriber implements HttpResponse.BodySubscriber<Void> {
    private final FileChannel channel;
    private final @Nullable MessageDigest digest;
    private final ProgressReporter progress;
    private final AtomicLong activity;
    private final CompletableFuture<Void> body = new CompletableFuture<>();
    private volatile Flow.@Nullable Subscription subscription;
    private volatile boolean cancelled;
    volatile long bytes;
    volatile @Nullable IOException writeFailure;

    FileSubscriber(
        FileChannel channel,
        @Nullable MessageDigest digest,
        ProgressReporter progress,
        AtomicLong activity) {
      this.channel = channel;
      this.digest = digest;
      this.progress = progress;
      this.activity = activity;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (cancelled) {
        subscription.cancel();
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      activity.set(System.nanoTime());
      try {
        long total = bytes;
        for (ByteBuffer buffer : buffers) {
          if (digest != null) {
            digest.update(buffer.duplicate());
          }
          while (buffer.hasRemaining()) {
            total += channel.write(buffer);
          }
        }
        bytes = total;
        progress.update(total);
      } catch (IOException e) {
        writeFailure = e;
        cancel();
        body.completeExceptionally(e);
        return;
      }
      Flow.Subscription current = subscription;
      if (current != null && !cancelled) {
        current.request(1);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      body.complete(null);
    }

    @Override
    public CompletionStage<Void> getBody() {
      return body;
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription current = subscription;
      if (current != null) {
        current.cancel();
      }
    }
  }
}
