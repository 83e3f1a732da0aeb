using DurableAgents.Worker.Caching;

namespace DurableAgents.Integration.Tests.Worker.Caching;

public sealed class LruCacheTests
{
    [Fact]
    public void Put_OverCapacity_EvictsTheLeastRecentlyUsed()
    {
        var cache = new LruCache<string, int>(2);
        cache.Put("a", 1);
        cache.Put("b", 2);
        Assert.True(cache.TryTake("a", out var a));
        cache.Put("a", a);

        var evicted = cache.Put("c", 3);

        Assert.Equal([2], evicted);
        Assert.False(cache.Contains("b"));
        Assert.True(cache.Contains("a"));
        Assert.True(cache.Contains("c"));
    }

    [Fact]
    public void TryTake_Present_RemovesTheEntry()
    {
        var cache = new LruCache<string, int>(2);
        cache.Put("a", 1);

        Assert.True(cache.TryTake("a", out var value));
        Assert.Equal(1, value);
        Assert.False(cache.TryTake("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Put_SameKey_ReplacesAndReturnsTheOldValue()
    {
        var cache = new LruCache<string, int>(2);
        cache.Put("a", 1);

        var evicted = cache.Put("a", 5);

        Assert.Equal([1], evicted);
        Assert.True(cache.TryTake("a", out var value));
        Assert.Equal(5, value);
    }

    [Fact]
    public void Put_ZeroCapacity_KeepsNothing()
    {
        var cache = new LruCache<string, int>(0);

        var evicted = cache.Put("a", 1);

        Assert.Equal([1], evicted);
        Assert.False(cache.Contains("a"));
    }
}
