using BenchmarkDotNet.Running;
using Orleans.Saga.Bench.Micro;

// Every benchmark of this assembly, selected with BenchmarkDotNet's own arguments (--filter '*', --list flat, ...).
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
