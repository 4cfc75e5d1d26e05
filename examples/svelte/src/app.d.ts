/// <reference types="@parvis/widgets/svelte" />
