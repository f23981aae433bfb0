// Set by the web build (esbuild `define`) from the region file: the language the region reads.
declare const REGION_LANGUAGE: 'zh-Hans' | 'zh-Hant' | 'en';
