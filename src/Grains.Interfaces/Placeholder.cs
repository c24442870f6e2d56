namespace Orleans.Saga.Grains; public interface IPlaceholderGrain : IGrainWithIntegerKey { Task<int> Ping(); }
