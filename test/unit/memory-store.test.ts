// The store contract over the memory adapter the use-case tests run on.
import { createMemoryStore } from '../../shared/store/memory.ts';
import { storeContract } from '../contract/store-contract.ts';

storeContract('memory', async () => createMemoryStore());
