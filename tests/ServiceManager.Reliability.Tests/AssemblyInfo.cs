// One scenario at a time: each one loads the machine on purpose (floods, 100 followers, a fuzz), and several at once
// on a 2-core CI machine would starve the other test projects running beside this one, and each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
