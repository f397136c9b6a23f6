use relance_domain::customer::CustomerInput;
use relance_domain::ids::CustomerId;
use relance_wire::forms::{CustomerForm, CustomerListQuery};
use relance_wire::views::{CustomerDetailView, CustomerPageView, CustomerSavedView};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

#[tauri::command]
pub fn customers_list(core: State<'_, Core>, query: CustomerListQuery) -> Result<CustomerPageView, ErrorView> {
    core.with(|ctx| relance_app::customers::list(ctx, &query.query())).map(|p| CustomerPageView::from(&p))
}

#[tauri::command]
pub fn customer_get(core: State<'_, Core>, id: i64) -> Result<CustomerDetailView, ErrorView> {
    core.with(|ctx| relance_app::customers::detail(ctx, CustomerId(id))).map(|d| CustomerDetailView::from(&d))
}

#[tauri::command]
pub fn customer_create(core: State<'_, Core>, form: CustomerForm) -> Result<CustomerSavedView, ErrorView> {
    core.with(|ctx| relance_app::customers::create_with_profile(ctx, &CustomerInput::from(&form), &form.profile()))
        .map(|s| CustomerSavedView::from(&s))
}

#[tauri::command]
pub fn customer_update(core: State<'_, Core>, id: i64, form: CustomerForm) -> Result<CustomerSavedView, ErrorView> {
    core.with(|ctx| {
        relance_app::customers::update_with_profile(ctx, CustomerId(id), &CustomerInput::from(&form), &form.profile())
    })
    .map(|s| CustomerSavedView::from(&s))
}

#[tauri::command]
pub fn customer_set_archived(core: State<'_, Core>, id: i64, archived: bool) -> Result<(), ErrorView> {
    core.with(|ctx| relance_app::customers::set_archived(ctx, CustomerId(id), archived))
}
